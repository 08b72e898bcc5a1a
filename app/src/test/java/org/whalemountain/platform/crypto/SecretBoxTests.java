package org.whalemountain.platform.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SecretBoxTests {

	private final SecretBox box = new SecretBox(new byte[32]);

	@Test
	void sealedSecretsOpenWithTheSameContextOnly() {
		String sealed = this.box.seal("glrt-secret", "runner-token:alice");

		assertThat(sealed).startsWith("v1:").doesNotContain("glrt-secret");
		assertThat(this.box.open(sealed, "runner-token:alice")).isEqualTo("glrt-secret");
		assertThatIllegalArgumentException().isThrownBy(() -> this.box.open(sealed, "runner-token:bob"));
	}

	@Test
	void sealingTwiceGivesDifferentCiphertexts() {
		assertThat(this.box.seal("same", "c")).isNotEqualTo(this.box.seal("same", "c"));
	}

	@Test
	void anotherKeyOrATamperedValueDoesNotOpen() {
		String sealed = this.box.seal("glrt-secret", "c");
		byte[] otherKey = new byte[32];
		otherKey[0] = 1;

		assertThatIllegalArgumentException().isThrownBy(() -> new SecretBox(otherKey).open(sealed, "c"));
		String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A=") ? "B=" : "A=");
		assertThatIllegalArgumentException().isThrownBy(() -> this.box.open(tampered, "c"));
	}

	@Test
	void generatedKeyFileIsPrivateAndReusedOnTheNextStart(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("data/encryption.key");

		byte[] first = SecretBoxConfiguration.keyFile(file);
		byte[] second = SecretBoxConfiguration.keyFile(file);

		assertThat(first).hasSize(32).isEqualTo(second);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

}
