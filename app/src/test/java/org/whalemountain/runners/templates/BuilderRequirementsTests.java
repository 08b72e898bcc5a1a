package org.whalemountain.runners.templates;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuilderRequirementsTests {

	private static final List<String> DEFAULTS = List.of("seccomp:unconfined", "apparmor:unconfined");

	@Test
	void theDefaultSecurityOptionsLetBothBuildersRun() {
		assertThat(BuilderRequirements.problems(Builder.BUILDKIT, DEFAULTS)).isEmpty();
		assertThat(BuilderRequirements.problems(Builder.BUILDAH, DEFAULTS)).isEmpty();
		assertThat(BuilderRequirements.problems(Builder.BUILDAH, List.of("seccomp=unconfined"))).isEmpty();
	}

	@Test
	void buildKitUnderNoNewPrivilegesCannotMapItsUserNamespace() {
		assertThat(BuilderRequirements.problems(Builder.BUILDKIT,
				List.of("seccomp:unconfined", "apparmor:unconfined", "no-new-privileges")))
			.singleElement()
			.asString()
			.contains("no-new-privileges")
			.contains("failed to setup UID/GID map");
		assertThat(
				BuilderRequirements.problems(Builder.BUILDAH, List.of("seccomp:unconfined", "no-new-privileges=true")))
			.singleElement()
			.asString()
			.contains("RUN steps that change owners");
	}

	@Test
	void theDefaultSeccompProfileAndAppArmorProfileAreNamed() {
		assertThat(BuilderRequirements.problems(Builder.BUILDKIT, List.of())).hasSize(2)
			.anySatisfy((problem) -> assertThat(problem).contains("seccomp:unconfined"))
			.anySatisfy((problem) -> assertThat(problem).contains("apparmor:unconfined"));
		assertThat(BuilderRequirements.problems(Builder.BUILDAH, List.of("apparmor:unconfined"))).singleElement()
			.asString()
			.contains("seccomp");
	}

}
