package org.whalemountain.identity.tokens;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSecretsTests {

	@Test
	void secretsArePrefixedUrlSafeAndDistinct() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String secret = TokenSecrets.generate();
			assertThat(secret).startsWith("wm_").matches("wm_[A-Za-z0-9_-]{43}");
			assertThat(seen.add(secret)).isTrue();
		}
	}

	@Test
	void hashIsTheHexSha256OfTheWholeSecret() {
		// SHA-256("abc") from FIPS 180-2, appendix B.1
		assertThat(TokenSecrets.hash("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

}
