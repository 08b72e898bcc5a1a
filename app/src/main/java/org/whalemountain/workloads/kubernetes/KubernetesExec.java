package org.whalemountain.workloads.kubernetes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;

import org.whalemountain.workloads.engine.EngineException;
import org.whalemountain.workloads.engine.ExecResult;

/**
 * Commands, files and logs of a container's pod through the API server (pods/exec over a
 * WebSocket, pods/log), as {@code kubectl exec}, {@code cp} and {@code logs} do. Files go
 * in as {@code kubectl cp} sends them: a tar unpacked by {@code tar} in the container,
 * run as the container's user, so that they belong to it.
 */
final class KubernetesExec {

	private static final Duration UNPACK_TIMEOUT = Duration.ofMinutes(5);

	private final KubernetesClient client;

	private final KubernetesLookups workloads;

	KubernetesExec(KubernetesClient client, KubernetesLookups workloads) {
		this.client = client;
		this.workloads = workloads;
	}

	ExecResult run(String containerId, List<String> command, Duration timeout, int outputLimit) {
		KubernetesContainerRef ref = KubernetesContainerRef.parse(containerId);
		String pod = this.workloads.runningPod(containerId);
		LimitedOutput out = new LimitedOutput(outputLimit);
		LimitedOutput err = new LimitedOutput(outputLimit);
		ExecWatch watch = KubernetesCalls.call(this.workloads.server(), "run a command in " + containerId,
				() -> this.client.pods()
					.inNamespace(ref.namespace())
					.withName(pod)
					.inContainer(KubernetesWorkloadObjects.CONTAINER)
					.writingOutput(out)
					.writingError(err)
					.exec(command.toArray(String[]::new)));
		try (watch) {
			Integer exitCode = exitCode(watch, timeout);
			return new ExecResult(exitCode, out.text(), err.text(), out.truncated() || err.truncated());
		}
	}

	void putFiles(String containerId, String directory, InputStream tar) {
		KubernetesContainerRef ref = KubernetesContainerRef.parse(containerId);
		String pod = this.workloads.runningPod(containerId);
		LimitedOutput err = new LimitedOutput(4096);
		byte[] bytes = readAll(tar);
		// the tar's length first, so that tar sees the end of its input whether or not
		// the API server passes on the end of stdin (older ones do not)
		ExecWatch watch = KubernetesCalls.call(this.workloads.server(), "copy files into " + containerId,
				() -> this.client.pods()
					.inNamespace(ref.namespace())
					.withName(pod)
					.inContainer(KubernetesWorkloadObjects.CONTAINER)
					.redirectingInput()
					.writingError(err)
					.exec("sh", "-c", "head -c " + bytes.length + " | tar -x -o -f - -C \"$0\"", directory));
		try (watch) {
			try (OutputStream input = watch.getInput()) {
				input.write(bytes);
				input.flush();
			}
			Integer exitCode = exitCode(watch, UNPACK_TIMEOUT);
			if (exitCode == null || exitCode != 0) {
				throw new EngineException("Unpacking the files into " + directory + " of " + containerId + " failed ("
						+ exitCode + "): " + err.text().strip(), null);
			}
		}
		catch (IOException ex) {
			throw new EngineException("Sending the files to " + containerId + " failed: " + ex.getMessage(), ex);
		}
	}

	String logs(String containerId, int tail) {
		KubernetesContainerRef ref = KubernetesContainerRef.parse(containerId);
		return this.workloads.anyPod(containerId)
			.map((pod) -> KubernetesCalls.call(this.workloads.server(), "read the logs of " + containerId,
					() -> this.client.pods()
						.inNamespace(ref.namespace())
						.withName(pod)
						.inContainer(KubernetesWorkloadObjects.CONTAINER)
						.tailingLines(tail)
						.getLog()))
			.orElse("");
	}

	private static Integer exitCode(ExecWatch watch, Duration timeout) {
		try {
			return watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return null;
		}
		catch (ExecutionException ex) {
			throw new EngineException("The command's connection broke: " + ex.getCause(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static byte[] readAll(InputStream in) {
		try {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Keeps the first {@code limit} bytes and remembers whether more came. */
	static final class LimitedOutput extends OutputStream {

		private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

		private final int limit;

		private boolean truncated;

		LimitedOutput(int limit) {
			this.limit = limit;
		}

		@Override
		public synchronized void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public synchronized void write(byte[] b, int off, int len) {
			int room = this.limit - this.kept.size();
			if (len > room) {
				this.truncated = true;
			}
			this.kept.write(b, off, Math.max(0, Math.min(len, room)));
		}

		synchronized String text() {
			return this.kept.toString(StandardCharsets.UTF_8);
		}

		synchronized boolean truncated() {
			return this.truncated;
		}

	}

}
