package org.whalemountain.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code docker} CLI, for test set-up and for checking from the outside what the
 * service did. Fails (never skips) when dockerd is not running: the test command starts
 * it.
 */
public final class DockerCli {

	private DockerCli() {
	}

	/** Runs {@code docker ARGS} and returns stdout; throws with stderr if it fails. */
	public static String docker(String... args) {
		return run(Map.of(), null, args);
	}

	/**
	 * Runs {@code docker ARGS} with extra environment (e.g. {@code DOCKER_CONFIG}) and
	 * optional stdin.
	 */
	public static String run(Map<String, String> environment, String stdin, String... args) {
		Result result = attempt(environment, stdin, args);
		if (result.exitCode() != 0) {
			throw new IllegalStateException(
					"docker " + String.join(" ", args) + " failed (" + result.exitCode() + "): " + result.stderr());
		}
		return result.stdout();
	}

	/** Runs {@code docker ARGS} and reports the outcome without judging it. */
	public static Result attempt(Map<String, String> environment, String stdin, String... args) {
		return attempt(Duration.ofMinutes(3), environment, stdin, args);
	}

	/**
	 * Like {@link #attempt(Map, String, String...)}, for commands that may take longer
	 * than three minutes (a benchmark's gigabyte push on a busy machine).
	 */
	public static Result attempt(Duration timeout, Map<String, String> environment, String stdin, String... args) {
		List<String> command = new ArrayList<>();
		command.add("docker");
		command.addAll(List.of(args));
		try {
			Path out = Files.createTempFile("docker-out", ".txt");
			Path err = Files.createTempFile("docker-err", ".txt");
			ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
				.redirectError(err.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (stdin != null) {
				process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
			}
			process.getOutputStream().close();
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("docker " + String.join(" ", args) + " did not finish in " + timeout);
			}
			Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
			Files.delete(out);
			Files.delete(err);
			return result;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Exit code, stdout and stderr of one docker command. */
	public record Result(int exitCode, String stdout, String stderr) {
	}

}
