package org.whalemountain.registry.token;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerSecretsTests {

	@Test
	void secretsArePrefixedUrlSafeAndDistinct() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String secret = RunnerSecrets.generate();
			assertThat(secret).matches("wmr_[A-Za-z0-9_-]{43}");
			assertThat(seen.add(secret)).isTrue();
		}
	}

	/**
	 * Runners created with a personal access token get the secret as a masked CI/CD
	 * variable, and GitLab refuses to mask (and so to store) any value outside its
	 * masking rule (app/models/concerns/ci/maskable.rb).
	 */
	@Test
	void secretsQualifyAsMaskedGitLabVariables() {
		for (int i = 0; i < 1000; i++) {
			assertThat(RunnerSecrets.generate()).matches("[a-zA-Z0-9_+=/@:.~-]{8,}");
		}
	}

	@Test
	void aSecretMatchesOnlyItsOwnHash() {
		String secret = RunnerSecrets.generate();
		String hash = RunnerSecrets.hash(secret);

		assertThat(hash).matches("[0-9a-f]{64}");
		assertThat(RunnerSecrets.matches(secret, hash)).isTrue();
		assertThat(RunnerSecrets.matches(RunnerSecrets.generate(), hash)).isFalse();
		assertThat(RunnerSecrets.matches(secret + "x", hash)).isFalse();
	}

}
