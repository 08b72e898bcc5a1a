package org.whalemountain.registry.token;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;

import org.bouncycastle.util.encoders.Base32;

/**
 * Docker's libtrust key id: SHA-256 of the key's DER SubjectPublicKeyInfo, its first 240
 * bits in base32, in 12 groups of 4 characters joined by {@code :}. Distribution looks up
 * a token's {@code kid} among its trusted keys by this value.
 */
public final class LibtrustKeyId {

	private static final int DIGEST_PREFIX_BYTES = 30;

	private LibtrustKeyId() {
	}

	public static String of(PublicKey key) {
		byte[] digest;
		try {
			digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
		// 240 bits are exactly 48 base32 characters: no padding to strip
		String base32 = Base32.toBase32String(Arrays.copyOf(digest, DIGEST_PREFIX_BYTES));
		StringBuilder id = new StringBuilder(59);
		for (int i = 0; i < base32.length(); i += 4) {
			if (i > 0) {
				id.append(':');
			}
			id.append(base32, i, i + 4);
		}
		return id.toString();
	}

}
