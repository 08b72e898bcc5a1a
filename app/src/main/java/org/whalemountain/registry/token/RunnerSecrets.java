package org.whalemountain.registry.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Runner push credentials: 256 random bits behind the prefix {@code wmr_}, stored as one
 * SHA-256 (nothing to brute-force that a slow hash would protect).
 */
final class RunnerSecrets {

	/** Tells a runner credential from a personal access token ({@code wm_}). */
	static final String PREFIX = "wmr_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private RunnerSecrets() {
	}

	static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Lower-case hex SHA-256 of the whole secret. */
	static String hash(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/** Compares in constant time, so the answer's timing tells nothing about the hash. */
	static boolean matches(String secret, String storedHash) {
		return MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
				storedHash.getBytes(StandardCharsets.US_ASCII));
	}

}
