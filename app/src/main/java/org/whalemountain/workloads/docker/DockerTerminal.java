package org.whalemountain.workloads.docker;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import org.whalemountain.workloads.engine.TerminalSession;

/**
 * One exec with a TTY whose connection docker-java has hijacked: the frames it reads are
 * the terminal's output, {@link TerminalInput} is its keyboard. Created by
 * {@link DockerTerminals}, whose wrapper prints the process's pid as the first line;
 * {@link TerminalPid} takes that line out of the output.
 * <p>
 * dockerd does not end an exec whose client went away (moby issue 9098): the process
 * keeps its terminal and runs on. So closing also hangs the process up with a
 * {@code kill -HUP} run in the container, as closing a terminal window does.
 */
final class DockerTerminal extends ResultCallback.Adapter<Frame> implements TerminalSession {

	private final DockerClient client;

	private final DockerFailures failures;

	private final String containerId;

	private final String execId;

	private final TerminalInput input = new TerminalInput();

	private final Consumer<byte[]> output;

	private final Runnable ended;

	private final AtomicBoolean reportedEnd = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final TerminalPid pid = new TerminalPid();

	DockerTerminal(DockerClient client, DockerFailures failures, String containerId, String execId,
			Consumer<byte[]> output, Runnable ended) {
		this.client = client;
		this.failures = failures;
		this.containerId = containerId;
		this.execId = execId;
		this.output = output;
		this.ended = ended;
	}

	TerminalInput input() {
		return this.input;
	}

	@Override
	public void onNext(Frame frame) {
		byte[] payload = (frame.getPayload() != null) ? this.pid.strip(frame.getPayload()) : new byte[0];
		if (payload.length > 0) {
			this.output.accept(payload);
		}
	}

	@Override
	public void onComplete() {
		super.onComplete();
		end();
	}

	/**
	 * A connection that breaks ends the terminal as an exit does; the user sees it end
	 * and may open another.
	 */
	@Override
	public void onError(Throwable failure) {
		super.onError(failure);
		end();
	}

	/**
	 * Input after the close is dropped as accepted; input beyond what
	 * {@link TerminalInput} holds is refused.
	 */
	@Override
	public boolean write(byte[] bytes) {
		return this.input.offer(bytes) || this.input.isClosed();
	}

	@Override
	public void resize(int columns, int rows) {
		if (columns < 1 || rows < 1) {
			throw new IllegalArgumentException("A terminal has at least one column and one row");
		}
		try {
			this.client.resizeExecCmd(this.execId).withSize(rows, columns).exec();
		}
		catch (RuntimeException ex) {
			throw this.failures.container(this.containerId, "resize the terminal in container " + this.containerId, ex);
		}
	}

	/** Releases the connection at once; the hang-up runs on a thread of its own. */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		// a pid whose process has ended may already name another process
		boolean running = !this.reportedEnd.get();
		this.input.close();
		try {
			super.close();
		}
		catch (IOException ex) {
			// the connection is gone either way
		}
		end();
		Long process = this.pid.value();
		if (running && process != null) {
			Thread hangUp = new Thread(() -> hangUp(process), "wm-terminal-hangup-" + process);
			hangUp.setDaemon(true);
			hangUp.start();
		}
	}

	/**
	 * The kernel passes the hang-up on to the foreground job when the shell, the
	 * terminal's controlling process, exits. {@code sh}'s own {@code kill}, since many
	 * images lack a {@code kill} program. A container stopped meanwhile has nothing left
	 * to end.
	 */
	private void hangUp(long process) {
		try {
			String execId = this.client.execCreateCmd(this.containerId)
				.withCmd("sh", "-c", "kill -HUP " + process)
				.exec()
				.getId();
			this.client.execStartCmd(execId).exec(new ResultCallback.Adapter<>()).awaitCompletion();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// nothing to hang up any more
		}
	}

	private void end() {
		if (this.reportedEnd.compareAndSet(false, true)) {
			this.input.close();
			this.ended.run();
		}
	}

}
