package org.whalemountain.workloads.docker;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;

import org.whalemountain.workloads.engine.ExecResult;

/**
 * Runs a command in a container through the exec API and waits for it, at most for the
 * given timeout. Docker cannot kill an exec'd process, so a command that times out is
 * abandoned: it keeps running until it ends or its container stops. The output stream
 * runs on a client of its own, whose connections only commands use.
 */
final class DockerExec {

	/** The first pause before asking again for the exit code; each pause doubles. */
	private static final long FIRST_POLL_MILLIS = 10;

	private static final long LONGEST_POLL_MILLIS = 500;

	/**
	 * How long after the output stream closed the exit code is waited for. dockerd
	 * records it a moment after the process ends; a process still running by then has
	 * closed its output early and is abandoned as after a timeout, rather than asked
	 * about again and again until its deadline.
	 */
	static final Duration EXIT_CODE_GRACE = Duration.ofSeconds(5);

	private final DockerClient client;

	private final DockerClient streams;

	private final DockerFailures failures;

	/**
	 * @param client for creating and inspecting execs
	 * @param streams for the output streams, each held until its command ends
	 */
	DockerExec(DockerClient client, DockerClient streams, DockerFailures failures) {
		this.client = client;
		this.streams = streams;
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
				completed = this.streams.execStartCmd(execId)
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
	 * The exit code once dockerd has recorded it, asked for with growing pauses;
	 * {@code null} if the process still runs at the deadline or after
	 * {@link #EXIT_CODE_GRACE}.
	 */
	private Integer exitCode(String execId, long deadline) throws InterruptedException {
		long giveUp = Math.min(deadline, System.nanoTime() + EXIT_CODE_GRACE.toNanos());
		long pause = FIRST_POLL_MILLIS;
		while (true) {
			InspectExecResponse exec = this.client.inspectExecCmd(execId).exec();
			if (!Boolean.TRUE.equals(exec.isRunning()) && exec.getExitCodeLong() != null) {
				return exec.getExitCodeLong().intValue();
			}
			long left = remainingMillis(giveUp);
			if (left <= 0) {
				return null;
			}
			Thread.sleep(Math.min(pause, left));
			pause = Math.min(pause * 2, LONGEST_POLL_MILLIS);
		}
	}

	private static long remainingMillis(long deadline) {
		return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
	}

}
