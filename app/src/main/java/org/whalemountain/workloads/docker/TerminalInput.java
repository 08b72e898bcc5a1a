package org.whalemountain.workloads.docker;

import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stdin docker-java copies into a hijacked exec connection: chunks handed over by
 * {@link #offer} come out of {@link #read} in order; after {@link #close()} it ends,
 * which makes docker-java shut the connection's output and dockerd close the process's
 * terminal. Unlike a {@link java.io.PipedInputStream} it does not break when the thread
 * that last wrote ends, which request threads of a web server do all the time.
 * <p>
 * It holds at most {@code maxUnread} bytes: once the process stops reading and the
 * kernel's and dockerd's buffers are full, docker-java stops taking input, and whatever a
 * client sends on would otherwise pile up here until the heap is gone.
 */
final class TerminalInput extends InputStream {

	/**
	 * Far more than anyone types ahead, and more than a paste a reading process takes in
	 * one go.
	 */
	static final int MAX_UNREAD_BYTES = 256 * 1024;

	private static final byte[] END = new byte[0];

	private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();

	private final AtomicLong unread = new AtomicLong();

	private final long maxUnread;

	private volatile boolean closed;

	/** What is left of the chunk being read; touched only by the one reading thread. */
	private byte[] current = new byte[0];

	private int position;

	TerminalInput() {
		this(MAX_UNREAD_BYTES);
	}

	TerminalInput(long maxUnread) {
		this.maxUnread = maxUnread;
	}

	/**
	 * Queues input.
	 * @return {@code false}, dropping the input, once closed or when it would make more
	 * than the bound wait unread
	 */
	boolean offer(byte[] input) {
		if (this.closed) {
			return false;
		}
		if (input.length == 0) {
			return true;
		}
		if (this.unread.addAndGet(input.length) > this.maxUnread) {
			this.unread.addAndGet(-input.length);
			return false;
		}
		this.chunks.add(input.clone());
		return true;
	}

	/** Bytes queued and not yet taken by docker-java. */
	long unread() {
		return this.unread.get();
	}

	boolean isClosed() {
		return this.closed;
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
		this.unread.addAndGet(-count);
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
