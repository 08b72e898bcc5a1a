package org.whalemountain.workloads.docker;

import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The stdin docker-java copies into a hijacked exec connection: chunks handed over by
 * {@link #offer} come out of {@link #read} in order; after {@link #close()} it ends,
 * which makes docker-java shut the connection's output and dockerd close the process's
 * terminal. Unlike a {@link java.io.PipedInputStream} it does not break when the thread
 * that last wrote ends, which request threads of a web server do all the time.
 */
final class TerminalInput extends InputStream {

	private static final byte[] END = new byte[0];

	private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();

	private volatile boolean closed;

	/** What is left of the chunk being read; touched only by the one reading thread. */
	private byte[] current = new byte[0];

	private int position;

	/** Queues input; returns {@code false}, dropping it, once closed. */
	boolean offer(byte[] input) {
		if (this.closed) {
			return false;
		}
		if (input.length > 0) {
			this.chunks.add(input.clone());
		}
		return true;
	}

	@Override
	public int read() {
		byte[] one = new byte[1];
		return (read(one, 0, 1) == -1) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) {
		if (length == 0) {
			return 0;
		}
		if (this.position == this.current.length) {
			if (this.current == END) {
				return -1;
			}
			try {
				this.current = this.chunks.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.current = END;
			}
			this.position = 0;
			if (this.current == END) {
				return -1;
			}
		}
		int count = Math.min(length, this.current.length - this.position);
		System.arraycopy(this.current, this.position, buffer, offset, count);
		this.position += count;
		return count;
	}

	@Override
	public void close() {
		if (!this.closed) {
			this.closed = true;
			this.chunks.add(END);
		}
	}

}
