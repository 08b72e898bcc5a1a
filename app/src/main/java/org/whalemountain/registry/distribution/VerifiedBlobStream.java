package org.whalemountain.registry.distribution;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.whalemountain.registry.UnsupportedImageException;

/**
 * A blob's body that hashes what passes through it and, at its end, compares the hash
 * with the digest the manifest promised: the bytes are checked while they stream, not in
 * a second pass over a file. A reader that stops early gets no verdict; a build reads
 * every layer to its end.
 */
final class VerifiedBlobStream extends FilterInputStream {

	private final String digest;

	private final MessageDigest hash;

	private long bytes;

	private boolean verified;

	VerifiedBlobStream(InputStream body, String digest) {
		super(body);
		this.digest = digest;
		this.hash = ContentDigests.algorithm(digest);
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int read;
		try {
			read = this.in.read(buffer, offset, length);
		}
		catch (IOException ex) {
			throw new IOException("the download of blob " + this.digest + " broke off after " + this.bytes + " bytes ("
					+ ex.getMessage() + ")", ex);
		}
		if (read < 0) {
			verify();
			return -1;
		}
		this.hash.update(buffer, offset, read);
		this.bytes += read;
		return read;
	}

	/** Skipping reads through: every byte must pass the hash. */
	@Override
	public long skip(long n) throws IOException {
		byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
		int read = read(buffer, 0, buffer.length);
		return Math.max(read, 0);
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	private void verify() {
		if (this.verified) {
			return;
		}
		this.verified = true;
		String actual = ContentDigests.prefix(this.digest) + HexFormat.of().formatHex(this.hash.digest());
		if (!this.digest.equals(actual)) {
			throw new UnsupportedImageException("an image whose layer " + this.digest + " does not match its digest");
		}
	}

}
