package org.whalemountain.workloads;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Everything a terminal printed, and whether it has ended, for tests to wait on. */
public final class TerminalTranscript implements Consumer<byte[]>, Runnable {

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final AtomicBoolean ended = new AtomicBoolean();

	@Override
	public synchronized void accept(byte[] bytes) {
		this.output.writeBytes(bytes);
	}

	/** Called when the terminal ends. */
	@Override
	public void run() {
		this.ended.set(true);
	}

	public synchronized String text() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

	public boolean ended() {
		return this.ended.get();
	}

}
