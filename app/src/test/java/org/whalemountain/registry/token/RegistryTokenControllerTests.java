package org.whalemountain.registry.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryTokenControllerTests {

	@Test
	void basicCredentialsSplitAtTheFirstColon() {
		assertThat(RegistryTokenController.basic(basic("alice:wm_a:b"))).hasValueSatisfying((pair) -> {
			assertThat(pair[0]).isEqualTo("alice");
			assertThat(pair[1]).isEqualTo("wm_a:b");
		});
		assertThat(RegistryTokenController.basic("bAsIc " + encode("alice:")))
			.hasValueSatisfying((pair) -> assertThat(pair[1]).isEmpty());
	}

	@Test
	void malformedAuthorizationIsNoCredential() {
		assertThat(RegistryTokenController.basic("Bearer wm_abc")).isEmpty();
		assertThat(RegistryTokenController.basic("Basic not base64!")).isEmpty();
		assertThat(RegistryTokenController.basic(basic("no-colon"))).isEmpty();
		assertThat(RegistryTokenController.basic("Basic")).isEmpty();
	}

	private static String basic(String pair) {
		return "Basic " + encode(pair);
	}

	private static String encode(String pair) {
		return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

}
