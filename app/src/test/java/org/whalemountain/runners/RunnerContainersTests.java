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

	private static RunnersProperties onKubernetes() {
		return new RunnersProperties("gitlab/gitlab-runner:v18.5.0", "", List.of(), List.of(), List.of(), "2", "4g", 1,
				1_000_000_000L, 512L * 1024 * 1024, false, java.time.Duration.ofMinutes(5), "2000:3000",
				java.time.Duration.ofSeconds(2), "kubernetes", org.whalemountain.runners.templates.Builder.BUILDAH, "");
	}

	@Test
	void onKubernetesTheRunnerGetsTheInClusterAccountNotASocketAndRunsAsTheJobUserWithoutCapabilities() {
		ContainerSpec spec = RunnerSpecs.spec("alice", onKubernetes(), "concurrent = 1\n");

		assertThat(spec.volumes()).containsExactly(new ContainerSpec.Volume(ContainerSpec.VolumeSource.ENGINE_API,
				"/var/run/secrets/kubernetes.io/serviceaccount", true));
		assertThat(spec.runAs()).isEqualTo(new ContainerSpec.RunAs(2000, 3000));
		assertThat(spec.security().noNewPrivileges()).isTrue();
		assertThat(spec.security().dropAllCapabilities()).isTrue();
		assertThat(spec.security().syscalls()).isEqualTo(ContainerSpec.SyscallFilter.ENGINE_DEFAULT);
		assertThat(spec.command()).containsExactly("run", "--config", "/etc/gitlab-runner/config.toml",
				"--working-directory", "/tmp");
		assertThat(spec.labels()).containsEntry("wm.kind", "runner").containsEntry("wm.owner", "alice");
		assertThat(spec.files()).singleElement()
			.satisfies((file) -> assertThat(file.path()).isEqualTo("/etc/gitlab-runner/config.toml"));
	}

	@Test
	void theRunnersJobsGoToTheNamespaceItsEngineKeepsTheUserIn() {
		FakeEngine namespaced = new FakeEngine("kubernetes") {
			@Override
			public java.util.Optional<String> namespaceOf(String owner) {
				return java.util.Optional.of("wm-" + owner.toLowerCase(java.util.Locale.ROOT));
			}
		};
		ContainerEngines engines = new ContainerEngines(List.of(new FakeEngine("docker"), namespaced),
				new EnginesProperties(List.of("docker", "kubernetes"), "docker"));

		assertThat(new RunnerContainers(engines, onKubernetes()).namespaceOf("Bob")).isEqualTo("wm-bob");
		assertThat(new RunnerContainers(engines, this.properties).namespaceOf("Bob")).isNull();
	}

	@Test
	void aKubernetesRunnerOnAnEngineWithoutNamespacesIsRefused() {
		ContainerEngines engines = new ContainerEngines(List.of(new FakeEngine("docker"), new FakeEngine("kubernetes")),
				new EnginesProperties(List.of("docker", "kubernetes"), "docker"));

		assertThatIllegalStateException()
			.isThrownBy(() -> new RunnerContainers(engines, onKubernetes()).namespaceOf("bob"))
			.withMessageContaining("names no namespace");
	}

	@Test
	void runnerContainersLiveOnTheEngineWmRunnersEngineNames() {
		FakeEngine docker = new FakeEngine("docker");
		FakeEngine other = new FakeEngine("other");
		String onOther = other.run(RunnerSpecs.spec("alice", this.properties, "concurrent = 1\n"), null, (p) -> {
		}).id();
		docker.run(RunnerSpecs.spec("alice", this.properties, "concurrent = 1\n"), null, (p) -> {
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
		ContainerSpec spec = RunnerSpecs.spec("alice", this.properties, "concurrent = 1\n");

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
		ContainerSpec spec = RunnerSpecs.spec("alice", this.properties, "concurrent = 1\n");

		assertThat(spec.files()).singleElement().satisfies((file) -> {
			assertThat(file.path()).isEqualTo("/etc/gitlab-runner/config.toml");
			assertThat(file.mode()).isEqualTo(0600);
			assertThat(new String(file.content(), StandardCharsets.UTF_8)).isEqualTo("concurrent = 1\n");
			assertThat(file.toString()).doesNotContain("concurrent");
		});
	}

}
