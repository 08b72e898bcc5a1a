package org.whalemountain.workloads.docker;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;

import org.whalemountain.workloads.ExecResult;

/**
 * Runs a command in a container through the exec API and waits for it, at most for the
 * given timeout. Docker cannot kill an exec'd process, so a command that times out is
 * abandoned: it keeps running until it ends or its container stops.
 */
final class DockerExec {

	/** How often to ask for the exit code after the output stream closed. */
	private static final long EXIT_CODE_POLL_MILLIS = 10;

	private final DockerClient client;

	private final DockerFailures failures;

	DockerExec(DockerClient client, DockerFailures failures) {
		this.client = client;
		this.failures = failures;
	}

	ExecResult run(String containerId, List<String> command, Duration timeout, int outputLimit) {
		if (command.isEmpty() || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("An exec needs a command and a positive timeout");
		}
		String action = "run " + command.get(0) + " in container " + containerId;
		long deadline = System.nanoTime() + timeout.toNanos();
		FrameCollector output = FrameCollector.separate(outputLimit);
		try {
			String execId = this.client.execCreateCmd(containerId)
				.withCmd(command.toArray(String[]::new))
				.withAttachStdout(true)
				.withAttachStderr(true)
				.exec()
				.getId();
			boolean completed;
			try {
				completed = this.client.execStartCmd(execId)
					.exec(output)
					.awaitCompletion(remainingMillis(deadline), TimeUnit.MILLISECONDS);
			}
			finally {
				closeQuietly(output);
			}
			return output.result(completed ? exitCode(execId, deadline) : null);
		}
		catch (InterruptedException ex) {
			throw this.failures.interrupted(action, ex);
		}
		catch (RuntimeException ex) {
			throw this.failures.container(containerId, action, ex);
		}
	}

	/** Ends the stream; after a timeout that is what abandons the command. */
	private static void closeQuietly(FrameCollector output) {
		try {
			output.close();
		}
		catch (IOException ex) {
			// the output so far is all there will be
		}
	}

	/**
	 * dockerd closes the stream as the process ends but may record the exit code a moment
	 * later; {@code null} if it is still running at the deadline.
	 */
	private Integer exitCode(String execId, long deadline) throws InterruptedException {
		while (true) {
			InspectExecResponse exec = this.client.inspectExecCmd(execId).exec();
			if (!Boolean.TRUE.equals(exec.isRunning()) && exec.getExitCodeLong() != null) {
				return exec.getExitCodeLong().intValue();
			}
			if (remainingMillis(deadline) <= 0) {
				return null;
			}
			Thread.sleep(Math.min(EXIT_CODE_POLL_MILLIS, remainingMillis(deadline)));
		}
	}

	private static long remainingMillis(long deadline) {
		return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
	}

}
