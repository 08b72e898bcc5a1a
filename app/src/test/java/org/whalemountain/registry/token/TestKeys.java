package org.whalemountain.registry.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** One generated signing key per test JVM: RSA generation is slow enough to share. */
public final class TestKeys {

	private static SigningKey key;

	private TestKeys() {
	}

	public static synchronized SigningKey signingKey() {
		if (key == null) {
			try {
				Path dir = Files.createTempDirectory("wm-test-token-key");
				key = SigningKeyFiles.loadOrCreate(dir.resolve("key.pem"), dir.resolve("cert.pem"), "whalemountain",
						Instant.now());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return key;
	}

}
