package org.whalemountain.testsupport;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built service jar run in a child JVM the way the run script runs it: embedded
 * MariaDB and demo directory, on a data directory of the test's choosing. For tests of
 * what only a real process shows: being killed, stopping on {@code SIGTERM}.
 * <p>
 * Its Docker host points nowhere: the dockerd is shared, and a service on a fresh
 * database would take other tests' containers for orphans and remove them.
 */
public final class ServiceProcess implements AutoCloseable {

	/** The jar {@code ./mvnw package} builds, before the integration tests run. */
	private static final Path JAR = Path.of(System.getProperty("wm.test.service-jar", "target/whalemountain.jar"));

	/** Where each child's output is kept for a look after a failure. */
	private static final Path LOGS = Path.of("target", "service-process");

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Pattern STARTED = Pattern.compile("Started \\w+ in ");

	private final Process process;

	private final List<String> output = new ArrayList<>();

	private final CompletableFuture<Integer> port = new CompletableFuture<>();

	/** Completed once the JVM's output has been read to its end. */
	private final CompletableFuture<Void> outputEnded = new CompletableFuture<>();

	private ServiceProcess(Process process) {
		this.process = process;
	}

	/**
	 * The command line: the one place to add a flag every child service needs.
	 * @param dataDir {@code wm.data-dir}, outside the temp directory
	 */
	static List<String> command(Path dataDir) {
		return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				// C1 alone: a service that lives a minute needs no C2 code, whose
				// compiling
				// would compete with the start for a small machine's cores
				"-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString(),
				// the demo directory is asked for by name, as the run script does
				"--wm.identity.demo=true", "--wm.data-dir=" + dataDir, "--server.port=0",
				"--wm.workloads.docker.host=unix:///nonexistent/wm-test/docker.sock",
				"--wm.registry.sync-interval=PT24H");
	}

	/**
	 * Starts the service and blocks until it serves HTTP.
	 * @throws IllegalStateException if the jar is missing, or the service exits or does
	 * not start within {@code timeout} (with the end of its output)
	 */
	public static ServiceProcess start(Path dataDir, Duration timeout) throws IOException, InterruptedException {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run ./mvnw package first");
		}
		ProcessBuilder builder = new ProcessBuilder(command(dataDir)).redirectErrorStream(true);
		// the test's own settings (database, directory) must not reach the child
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf((name) -> name.startsWith("WM_") || name.startsWith("SPRING_"));
		ServiceProcess service = new ServiceProcess(builder.start());
		service.readOutput(Files.createDirectories(LOGS).resolve(service.handle().pid() + ".log"));
		try {
			service.port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			service.close();
			throw new IllegalStateException("The service did not start: " + ex.getMessage() + "\n" + service.tail(60));
		}
		return service;
	}

	/** The HTTP port. */
	public int port() {
		return this.port.join();
	}

	/** The JVM. */
	public ProcessHandle handle() {
		return this.process.toHandle();
	}

	/** Its child processes that run {@code program} (the file name of the executable). */
	public List<ProcessHandle> children(String program) {
		return this.process.children()
			.filter((child) -> child.info().command().map((command) -> command.endsWith("/" + program)).orElse(false))
			.toList();
	}

	/**
	 * Sends {@code SIGKILL}, as the OOM killer would, and waits until the JVM is gone.
	 */
	public void kill() throws InterruptedException {
		this.process.toHandle().destroyForcibly();
		this.process.waitFor();
		awaitOutputEnd();
	}

	/**
	 * Sends {@code SIGTERM}, as Ctrl-C in the run script does, and waits at most
	 * {@code timeout}.
	 * @return how long the service took to exit, or {@code null} if it still runs
	 */
	public Duration terminate(Duration timeout) throws InterruptedException {
		long start = System.nanoTime();
		// through the handle: Process.destroy() also closes the output the service still
		// writes while it stops
		this.process.toHandle().destroy();
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			return null;
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		awaitOutputEnd();
		return took;
	}

	/** The last lines may still be in the pipe when the JVM has exited. */
	private void awaitOutputEnd() {
		this.outputEnded.orTimeout(10, TimeUnit.SECONDS).join();
	}

	/** The exit code; the JVM must have exited. */
	public int exitValue() {
		return this.process.exitValue();
	}

	/** Everything it printed so far, one line per element. */
	public List<String> output() {
		synchronized (this.output) {
			return List.copyOf(this.output);
		}
	}

	/** The last {@code lines} lines of output, for failure messages. */
	public String tail(int lines) {
		List<String> all = output();
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	/** Kills the JVM if it still runs. */
	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

	private void readOutput(Path log) {
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
					BufferedWriter copy = Files.newBufferedWriter(log)) {
				Integer httpPort = null;
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					synchronized (this.output) {
						this.output.add(line);
					}
					copy.write(line);
					copy.newLine();
					copy.flush();
					Matcher matcher = PORT.matcher(line);
					if (matcher.find()) {
						httpPort = Integer.valueOf(matcher.group(1));
					}
					if (httpPort != null && STARTED.matcher(line).find()) {
						this.port.complete(httpPort);
					}
				}
			}
			catch (IOException ex) {
				// the stream ends with the process
			}
			this.port.completeExceptionally(new IllegalStateException("it exited"));
			this.outputEnded.complete(null);
		}, "service-process-output");
		reader.setDaemon(true);
		reader.start();
	}

}
