package org.whalemountain.registry.distribution;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content digests as the registry writes them ({@code sha256:<hex>}), to check that what
 * it sent is what the manifest promised: a registry or proxy in between can corrupt.
 */
final class ContentDigests {

	private ContentDigests() {
	}

	/**
	 * The digest of {@code body} in the algorithm {@code like} names (sha256 or sha512).
	 */
	static String of(byte[] body, String like) {
		MessageDigest digest = algorithm(like);
		return prefix(like) + HexFormat.of().formatHex(digest.digest(body));
	}

	static String prefix(String like) {
		return like.startsWith("sha512:") ? "sha512:" : "sha256:";
	}

	static MessageDigest algorithm(String like) {
		try {
			return MessageDigest.getInstance(like.startsWith("sha512:") ? "SHA-512" : "SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256 and SHA-512", ex);
		}
	}

}
