package org.whalemountain.registry.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * One generated signing key per test JVM, RSA generation being slow enough to share; its
 * files are gone when the JVM exits.
 */
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
				// deleted in reverse order of registration: the files, then the directory
				dir.toFile().deleteOnExit();
				try (Stream<Path> files = Files.list(dir)) {
					files.forEach((file) -> file.toFile().deleteOnExit());
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return key;
	}

}
