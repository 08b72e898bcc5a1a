package org.whalemountain.platform.database;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small {@code sh} beside the embedded server that stops the server when this JVM dies,
 * even by {@code SIGKILL} (the OOM killer), which runs no shutdown hook.
 * <p>
 * The shell blocks reading a pipe whose only writer is this JVM. The kernel closes that
 * pipe when the JVM dies, however it dies; the read then returns and the shell sends the
 * server {@code SIGTERM}. Nothing polls, and it needs no native code. Before signalling,
 * it checks that the pid still belongs to a server on this data directory. It only asks;
 * a server that hangs in its shutdown is killed by the next start. A {@link HomeLock}
 * holder stops any server the watchdog missed (both were killed at once, or the service
 * is restarted before the server finished shutting down).
 */
final class ServerWatchdog {

	/** The shell's {@code $0}, which names it in {@code ps}. */
	private static final String NAME = "wm-mariadb-watchdog";

	private static final String SCRIPT = "read -r line; "
			+ "tr '\\0' '\\n' < /proc/$1/cmdline 2>/dev/null | grep -qxF -- \"--datadir=$2\" && kill -TERM $1";

	/**
	 * Kept for as long as the server runs: dropping it would let the JVM close the pipe
	 * and trigger the watchdog.
	 */
	private final Process shell;

	private ServerWatchdog(Process shell) {
		this.shell = shell;
	}

	/**
	 * Starts watching; returns at once.
	 * @param server the running server
	 * @param dataDir its data directory
	 * @throws IOException if {@code /bin/sh} cannot be started
	 */
	static ServerWatchdog watch(ProcessHandle server, Path dataDir) throws IOException {
		ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", SCRIPT, NAME, Long.toString(server.pid()),
				dataDir.toFile().getCanonicalPath())
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.DISCARD);
		return new ServerWatchdog(builder.start());
	}

	/**
	 * Ends the watchdog without signalling the server, once the server has been stopped:
	 * {@code SIGTERM} ends the blocked read without running the rest of the script.
	 */
	void stop() {
		this.shell.destroy();
		try {
			this.shell.waitFor(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
