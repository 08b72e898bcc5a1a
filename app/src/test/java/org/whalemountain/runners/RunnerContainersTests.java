package org.whalemountain.runners;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
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
				List.of(), List.of("seccomp:unconfined"), "2", "4g", 1, 1_000_000_000L, 512L * 1024 * 1024,
				"/var/run/docker.sock", false, java.time.Duration.ofMinutes(5), "1000:1000",
				java.time.Duration.ofSeconds(2), engine, org.whalemountain.runners.templates.Builder.BUILDKIT, "");
	}

	@Test
	void runnerContainersLiveOnTheEngineWmRunnersEngineNames() {
		FakeEngine docker = new FakeEngine("docker");
		FakeEngine other = new FakeEngine("other");
		String onOther = other.create(RunnerContainers.spec("alice", this.properties));
		docker.create(RunnerContainers.spec("alice", this.properties));
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
	void runnerContainerGetsTheSocketLabelsAndLimitsButNoPrivileges() {
		ContainerSpec spec = RunnerContainers.spec("alice", this.properties);

		assertThat(spec.name()).isEqualTo("wm-runner-alice");
		assertThat(spec.image()).isEqualTo("gitlab/gitlab-runner:v18.5.0");
		assertThat(spec.labels()).containsEntry("wm.kind", "runner").containsEntry("wm.owner", "alice");
		assertThat(spec.mounts())
			.containsExactly(new ContainerSpec.Mount("/var/run/docker.sock", "/var/run/docker.sock", false));
		assertThat(spec.ports()).isEmpty();
		assertThat(spec.resources().memoryBytes()).isEqualTo(512L * 1024 * 1024);
		assertThat(spec.resources().pidsLimit()).isPositive();
		assertThat(spec.security().noNewPrivileges()).isTrue();
		assertThat(spec.security().securityOptions()).isEmpty();
		assertThat(spec.restart()).isEqualTo(ContainerSpec.RestartPolicy.UNLESS_STOPPED);
	}

	@Test
	void configTarHoldsOnlyThePrivateConfigFile() throws IOException {
		byte[] tar = RunnerContainers.configTar("concurrent = 1\n");

		try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
			TarArchiveEntry dir = in.getNextEntry();
			assertThat(dir.getName()).isEqualTo("gitlab-runner/");
			assertThat(dir.getMode() & 0777).isEqualTo(0700);
			TarArchiveEntry file = in.getNextEntry();
			assertThat(file.getName()).isEqualTo("gitlab-runner/config.toml");
			assertThat(file.getMode() & 0777).isEqualTo(0600);
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("concurrent = 1\n");
			assertThat(in.getNextEntry()).isNull();
		}
	}

}
