package org.whalemountain.workloads.launch;

import org.whalemountain.workloads.engine.ContainerState;

import org.whalemountain.workloads.WorkloadsProperties;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.store.ContainerRecord;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.whalemountain.platform.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HomeVolumesTests {

	@Test
	void rootsNumbersAndMissingOnesAreRefused() {
		HomeVolumes.requirePosixAccount(10001, 10001);
		for (Integer[] numbers : new Integer[][] { { 0, 10001 }, { 10001, 0 }, { 0, 0 }, { -1, 10001 } }) {
			assertThatThrownBy(() -> HomeVolumes.requirePosixAccount(numbers[0], numbers[1]))
				.isInstanceOf(InvalidInputException.class)
				.satisfies((ex) -> assertThat(((InvalidInputException) ex).code()).isEqualTo("root-posix-account"));
		}
		assertThatThrownBy(() -> HomeVolumes.requirePosixAccount(null, 10001))
			.satisfies((ex) -> assertThat(((InvalidInputException) ex).code()).isEqualTo("no-posix-account"));
		assertThatThrownBy(() -> new HomeMount("/home/x", 0, 0)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void homeMountIsOffByDefaultAndMountsAtHomeUser() {
		WorkloadsProperties.HomeMountSettings settings = bind(Map.of()).homeMount();

		assertThat(settings.enabled()).isFalse();
		assertThat(settings.target()).isEqualTo("/home/{user}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "relative/{user}", "/srv/wm-home", "/srv/../{user}", "/srv/{user}/.." })
	void aSourceTemplateMustBeAbsoluteNameTheUserAndNotClimb(String source) {
		assertThatThrownBy(() -> bind(Map.of("wm.workloads.home-mount.source", source)))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("wm.workloads.home-mount.source");
	}

	@Test
	void aTargetMustBeAbsoluteWithoutDots() {
		assertThatThrownBy(() -> bind(Map.of("wm.workloads.home-mount.source", "/srv/{user}",
				"wm.workloads.home-mount.target", "/home/../etc")))
			.rootCause()
			.hasMessageContaining("wm.workloads.home-mount.target");
		assertThat(
				bind(Map.of("wm.workloads.home-mount.source", "/srv/{user}", "wm.workloads.home-mount.target", "/data"))
					.homeMount()
					.target())
			.isEqualTo("/data");
	}

	@Test
	void withAHomeVolumeTheProcessRunsAsTheUserWithHomeSet() {
		ContainerRecord row = new ContainerRecord(7, "alice", "alice-web", "nginx:1", "docker", null, null,
				ContainerState.PENDING, "v1:x", 0, java.time.Instant.EPOCH);
		HomeMount home = new HomeMount("/home/alice", 10001, 10002);

		ContainerSpec spec = LendingSpecs.spec(row, java.util.List.of(), java.util.List.of("HOME=/tmp", "A=1"),
				java.util.List.of(), bind(Map.of()), home);

		assertThat(spec.runAs()).isEqualTo(new ContainerSpec.RunAs(10001, 10002));
		assertThat(spec.env()).containsExactly("A=1", "HOME=/home/alice");
		assertThat(spec.volumes())
			.containsExactly(new ContainerSpec.Volume(ContainerSpec.VolumeSource.OWNER_HOME, "/home/alice", false));
	}

	private static WorkloadsProperties bind(Map<String, String> values) {
		Map<String, String> all = new java.util.HashMap<>(values);
		all.put("wm.workloads.host-address", "127.0.0.1");
		return new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("wm.workloads",
				WorkloadsProperties.class);
	}

}
