package org.whalemountain.sif.build;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.function.LongUnaryOperator;

/**
 * A layer's download as the scan reads it: every byte that passes is written to the
 * layer's file too, and counted. The scan stops at the end of the tar; {@link #drain()}
 * takes the rest (padding, the compression trailer) through to the end, where the
 * registry's stream checks the digest.
 */
final class TeeStream extends FilterInputStream {

	private final OutputStream copy;

	private final LongUnaryOperator counter;

	/**
	 * @param counter adds the bytes of each read to the count of all downloads
	 */
	TeeStream(InputStream in, OutputStream copy, LongUnaryOperator counter) {
		super(in);
		this.copy = copy;
		this.counter = counter;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (Thread.currentThread().isInterrupted()) {
			throw new InterruptedIOException("the download was stopped");
		}
		int read = this.in.read(buffer, offset, length);
		if (read > 0) {
			this.copy.write(buffer, offset, read);
			this.counter.applyAsLong(read);
		}
		return read;
	}

	/** Skipping reads through: every byte must reach the file. */
	@Override
	public long skip(long n) throws IOException {
		byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 1 << 16)];
		return Math.max(read(buffer, 0, buffer.length), 0);
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	/** Reads what the scan left to the end of the blob. */
	void drain() throws IOException {
		byte[] buffer = new byte[1 << 16];
		while (read(buffer, 0, buffer.length) >= 0) {
			// written to the file by read
		}
	}

}
