package org.whalemountain.workloads.kubernetes;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;

import org.whalemountain.workloads.engine.EngineException;
import org.whalemountain.workloads.engine.TerminalSession;

/**
 * Interactive commands with a pseudo-terminal in a container's pod: pods/exec with a TTY
 * over a WebSocket, resized through the exec's resize channel, as
 * {@code kubectl exec -it} does.
 */
final class KubernetesTerminals {

	private final KubernetesClient client;

	private final KubernetesLookups workloads;

	KubernetesTerminals(KubernetesClient client, KubernetesLookups workloads) {
		this.client = client;
		this.workloads = workloads;
	}

	TerminalSession open(String containerId, List<String> command, int columns, int rows, Consumer<byte[]> output,
			Runnable ended) {
		KubernetesContainerRef ref = KubernetesContainerRef.parse(containerId);
		String pod = this.workloads.runningPod(containerId);
		AtomicBoolean over = new AtomicBoolean();
		Runnable endOnce = () -> {
			if (over.compareAndSet(false, true)) {
				ended.run();
			}
		};
		ExecWatch watch = KubernetesCalls.call(this.workloads.server(), "open a terminal in " + containerId,
				() -> this.client.pods()
					.inNamespace(ref.namespace())
					.withName(pod)
					.inContainer(KubernetesWorkloadObjects.CONTAINER)
					.redirectingInput()
					.writingOutput(new OutputStream() {

						@Override
						public void write(int b) {
							output.accept(new byte[] { (byte) b });
						}

						@Override
						public void write(byte[] b, int off, int len) {
							output.accept(Arrays.copyOfRange(b, off, off + len));
						}

					})
					.withTTY()
					.usingListener(new ExecListener() {

						@Override
						public void onFailure(Throwable failure, Response response) {
							endOnce.run();
						}

						@Override
						public void onClose(int code, String reason) {
							endOnce.run();
						}

					})
					.exec(command.toArray(String[]::new)));
		watch.resize(columns, rows);
		return new Session(watch);
	}

	/** One exec with a TTY. */
	private static final class Session implements TerminalSession {

		private final ExecWatch watch;

		private final AtomicBoolean closed = new AtomicBoolean();

		Session(ExecWatch watch) {
			this.watch = watch;
		}

		@Override
		public boolean write(byte[] input) {
			if (this.closed.get()) {
				return true;
			}
			try {
				this.watch.getInput().write(input);
				this.watch.getInput().flush();
				return true;
			}
			catch (IOException ex) {
				// the exec has ended; its listener reports the end
				return true;
			}
		}

		@Override
		public void resize(int columns, int rows) {
			if (this.closed.get()) {
				throw new EngineException("The terminal has ended", null);
			}
			this.watch.resize(columns, rows);
		}

		@Override
		public void close() {
			if (this.closed.compareAndSet(false, true)) {
				this.watch.close();
			}
		}

	}

}
