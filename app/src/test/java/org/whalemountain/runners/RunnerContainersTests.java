package org.whalemountain.runners;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.whalemountain.workloads.engine.ContainerEngines;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.EnginesProperties;
import org.whalemountain.workloads.engine.FakeEngine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RunnerContainersTests {

	private final RunnersProperties properties = properties("docker");

	private static RunnersProperties properties(String engine) {
		return new RunnersProperties("gitlab/gitlab-runner:v18.5.0", "moby/buildkit:v0.25.1-rootless", List.of(),
				List.of(), List.of("seccomp:unconfined"), "2", "4g", 1, 1_000_000_000L, 512L * 1024 * 1024, false,
				java.time.Duration.ofMinutes(5), "1000:1000", java.time.Duration.ofSeconds(2), engine,
				org.whalemountain.runners.templates.Builder.BUILDKIT, "");
	}

	@Test
	void runnerContainersLiveOnTheEngineWmRunnersEngineNames() {
		FakeEngine docker = new FakeEngine("docker");
		FakeEngine other = new FakeEngine("other");
		String onOther = other.run(RunnerContainers.spec("alice", this.properties, "concurrent = 1\n"), null, (p) -> {
		}).id();
		docker.run(RunnerContainers.spec("alice", this.properties, "concurrent = 1\n"), null, (p) -> {
		});
		ContainerEngines engines = new ContainerEngines(List.of(docker, other),
				new EnginesProperties(List.of("docker", "other"), "docker"));

		RunnerContainers containers = new RunnerContainers(engines, properties("other"));

		assertThat(containers.engineName()).isEqualTo("other");
		assertThat(containers.of("alice")).extracting(ContainerInfo::id).containsExactly(onOther);
	}

	@Test
	void aRunnerEngineThatIsNotEnabledStopsTheStart() {
		ContainerEngines engines = new ContainerEngines(List.of(new FakeEngine("docker"), new FakeEngine("other")),
				new EnginesProperties(List.of("docker"), "docker"));

		assertThatIllegalStateException().isThrownBy(() -> new RunnerContainers(engines, properties("other")))
			.withMessageContaining("wm.runners.engine is other")
			.withMessageContaining("[docker]");
	}

	@Test
	void runnerContainerDrivesTheEngineKeepsRunningAndHasLabelsAndLimitsButNoPrivileges() {
		ContainerSpec spec = RunnerContainers.spec("alice", this.properties, "concurrent = 1\n");

		assertThat(spec.name()).isEqualTo("wm-runner-alice");
		assertThat(spec.image()).isEqualTo("gitlab/gitlab-runner:v18.5.0");
		assertThat(spec.owner()).isEqualTo("alice");
		assertThat(spec.labels()).containsEntry("wm.kind", "runner").containsEntry("wm.owner", "alice");
		assertThat(spec.volumes()).containsExactly(
				new ContainerSpec.Volume(ContainerSpec.VolumeSource.ENGINE_API, "/var/run/docker.sock", false));
		assertThat(spec.ports()).isEmpty();
		assertThat(spec.resources().memoryBytes()).isEqualTo(512L * 1024 * 1024);
		assertThat(spec.resources().pidsLimit()).isPositive();
		assertThat(spec.security()).isEqualTo(ContainerSpec.Security.HARDENED);
		assertThat(spec.lifecycle()).isEqualTo(ContainerSpec.Lifecycle.KEEP_RUNNING);
	}

	@Test
	void theConfigurationIsThePrivateFileOfTheSpec() {
		ContainerSpec spec = RunnerContainers.spec("alice", this.properties, "concurrent = 1\n");

		assertThat(spec.files()).singleElement().satisfies((file) -> {
			assertThat(file.path()).isEqualTo("/etc/gitlab-runner/config.toml");
			assertThat(file.mode()).isEqualTo(0600);
			assertThat(new String(file.content(), StandardCharsets.UTF_8)).isEqualTo("concurrent = 1\n");
			assertThat(file.toString()).doesNotContain("concurrent");
		});
	}

}
