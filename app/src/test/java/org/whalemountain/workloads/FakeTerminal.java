package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.TerminalSession;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A terminal of {@link FakeContainerEngine}: each line typed is echoed and run by
 * {@link FakeShell}; {@code exit} ends it, as closing does.
 */
final class FakeTerminal implements TerminalSession {

	private final List<String> env;

	private final Map<String, byte[]> files;

	private final Consumer<byte[]> output;

	private final Runnable ended;

	private final AtomicBoolean over = new AtomicBoolean();

	private final ByteArrayOutputStream line = new ByteArrayOutputStream();

	FakeTerminal(List<String> env, Map<String, byte[]> files, Consumer<byte[]> output, Runnable ended) {
		this.env = env;
		this.files = files;
		this.output = output;
		this.ended = ended;
	}

	@Override
	public synchronized boolean write(byte[] input) {
		if (this.over.get()) {
			return true;
		}
		for (byte b : input) {
			if (b != '\n') {
				this.line.write(b);
				continue;
			}
			String typed = this.line.toString(StandardCharsets.UTF_8);
			this.line.reset();
			this.output.accept((typed + "\r\n").getBytes(StandardCharsets.UTF_8));
			if (typed.trim().equals("exit")) {
				close();
				return true;
			}
			FakeShell.Outcome outcome = FakeShell.run(List.of("sh", "-c", typed), this.env, this.files, false);
			this.output
				.accept((outcome.stdout() + outcome.stderr()).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		return true;
	}

	@Override
	public void resize(int columns, int rows) {
		// a fake has no screen to size
	}

	@Override
	public void close() {
		if (this.over.compareAndSet(false, true)) {
			this.ended.run();
		}
	}

}
