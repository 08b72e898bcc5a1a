package org.whalemountain.runners;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.whalemountain.platform.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RunnerInputsTests {

	private final GitLabProperties gitlab = new GitLabProperties("https://gitlab.dept.test/", Duration.ofSeconds(5));

	@Test
	void acceptsAProjectPathWithARunnerTokenAndFillsInTheGitLab() {
		RunnerRegistration checked = RunnerInputs
			.check(new RunnerRegistration(null, " course-os/alice.image ", "glrt-abcdefgh_12", null), this.gitlab);

		assertThat(checked).isEqualTo(
				new RunnerRegistration("https://gitlab.dept.test", "course-os/alice.image", "glrt-abcdefgh_12", null));
	}

	@Test
	void acceptsANumericProjectWithAPersonalAccessToken() {
		assertThat(RunnerInputs
			.check(new RunnerRegistration("https://gitlab.dept.test", "1234", null, "glpat-xyz12345"), this.gitlab)
			.project()).isEqualTo("1234");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "alice-image", "/leading", "group/", "a b/c", "0", "group//x", "../etc/passwd" })
	void refusesProjectsThatAreNeitherPathNorId(String project) {
		assertCode(new RunnerRegistration(null, project, "glrt-abcdefgh_12", null), "invalid-project");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GR1348941abcdef", "glrt-short", "glrt-with space inside", "glrt-ok\"quote" })
	void refusesMalformedRunnerTokens(String token) {
		assertCode(new RunnerRegistration(null, "g/p", token, null), "malformed-runner-token");
	}

	@Test
	void wantsExactlyOneToken() {
		assertCode(new RunnerRegistration(null, "g/p", null, null), "token-required");
		assertCode(new RunnerRegistration(null, "g/p", "glrt-abcdefgh_12", "glpat-xyz12345"), "token-required");
	}

	@Test
	void refusesAnotherGitLab() {
		assertCode(new RunnerRegistration("https://gitlab.com", "g/p", "glrt-abcdefgh_12", null), "unknown-gitlab");
	}

	@Test
	void tokensNeverShowInToString() {
		assertThat(new RunnerRegistration(null, "g/p", "glrt-abcdefgh_12", "glpat-xyz12345").toString())
			.doesNotContain("glrt-abcdefgh_12")
			.doesNotContain("glpat-xyz12345");
	}

	private void assertCode(RunnerRegistration registration, String code) {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> RunnerInputs.check(registration, this.gitlab))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(code));
	}

}
