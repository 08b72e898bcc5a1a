package org.whalemountain.platform.database;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on the embedded database's directory, held for as long as the service
 * runs it.
 * <p>
 * The operating system drops the lock when the holding process dies, however it dies, so
 * whoever holds it knows that no other live service uses the directory: a server still
 * running on its data was left behind by a killed service and may be stopped. Without the
 * lock, a second service started by mistake on the same directory would stop the first
 * one's database.
 */
final class HomeLock {

	private static final String FILE_NAME = "service.lock";

	/**
	 * Directories locked by this JVM. Checked before opening the file, since closing any
	 * channel on a locked file drops this process's lock on it (POSIX record locks).
	 */
	private static final Set<Path> heldHere = ConcurrentHashMap.newKeySet();

	private final Path home;

	private final FileChannel channel;

	private HomeLock(Path home, FileChannel channel) {
		this.home = home;
		this.channel = channel;
	}

	/**
	 * Takes the lock on an existing directory without waiting, and writes this process's
	 * pid into the lock file for the message of the one refused.
	 * @throws IllegalStateException if another service, in this process or another one,
	 * holds it
	 */
	static HomeLock acquire(Path home) {
		Path key = home.toAbsolutePath().normalize();
		if (!heldHere.add(key)) {
			throw inUse(home, "in this process");
		}
		FileChannel channel = null;
		boolean locked = false;
		try {
			channel = FileChannel.open(key.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			if (channel.tryLock() == null) {
				throw inUse(home, "(pid " + owner(channel) + ")");
			}
			channel.truncate(0);
			channel.write(
					ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
			locked = true;
			return new HomeLock(key, channel);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot lock " + key.resolve(FILE_NAME) + ": " + ex.getMessage(), ex);
		}
		finally {
			if (!locked) {
				closeQuietly(channel);
				heldHere.remove(key);
			}
		}
	}

	/** Drops the lock; the file stays. */
	void release() {
		closeQuietly(this.channel);
		heldHere.remove(this.home);
	}

	private static IllegalStateException inUse(Path home, String owner) {
		return new IllegalStateException("The embedded MariaDB under " + home + " is used by another running service "
				+ owner + "; stop that one or set wm.data-dir to another directory.");
	}

	private static String owner(FileChannel channel) throws IOException {
		ByteBuffer content = ByteBuffer.allocate(20);
		channel.read(content, 0);
		return new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).trim();
	}

	private static void closeQuietly(FileChannel channel) {
		if (channel == null) {
			return;
		}
		try {
			// closing the channel releases its lock
			channel.close();
		}
		catch (IOException ex) {
			// nothing was written that needs saving
		}
	}

}
