package org.whalemountain.registry.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Compares a secret a caller sent with the configured one in constant time, so that the
 * answer's timing tells nothing about how much of it was right.
 */
final class SharedSecrets {

	private SharedSecrets() {
	}

	/**
	 * Whether {@code sent} equals {@code configured}; never for an empty configuration.
	 */
	static boolean matches(String configured, String sent) {
		if (configured == null || configured.isEmpty() || sent == null) {
			return false;
		}
		return MessageDigest.isEqual(configured.getBytes(StandardCharsets.UTF_8),
				sent.getBytes(StandardCharsets.UTF_8));
	}

}
