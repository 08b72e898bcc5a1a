package org.whalemountain.workloads.launch;

import org.whalemountain.workloads.engine.ContainerState;

import org.whalemountain.workloads.ContainerView;
import org.whalemountain.workloads.WorkloadsProperties;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.store.ContainerRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class LendingSpecsTests {

	static WorkloadsProperties defaults() {
		return new Binder(new MapConfigurationPropertySource(Map.of("wm.workloads.host-address", "127.0.0.1")))
			.bindOrCreate("wm.workloads", WorkloadsProperties.class);
	}

	@Test
	void aLentContainerIsHardenedLimitedLabelledAndItsOwners() {
		ContainerRecord row = new ContainerRecord(7, "alice", "alice-web", "nginx:1", "docker", null, null,
				ContainerState.PENDING, "v1:x", 0, Instant.EPOCH);
		ContainerSpec spec = LendingSpecs.spec(row, List.of(), List.of("A=1"),
				List.of(new ContainerView.Port(80, 49200)), defaults());
		assertThat(spec.security().noNewPrivileges()).isTrue();
		assertThat(spec.volumes()).isEmpty();
		assertThat(spec.runAs()).isNull();
		assertThat(spec.owner()).isEqualTo("alice");
		assertThat(spec.ports()).containsExactly(new ContainerSpec.Port(80, 49200));
		assertThat(spec.resources()).isEqualTo(new ContainerSpec.Resources(1_000_000_000L, 536_870_912L, 256));
		assertThat(spec.labels()).containsEntry("wm.kind", "container")
			.containsEntry("wm.owner", "alice")
			.containsEntry("wm.container-id", "7");
		assertThat(spec.lifecycle()).isEqualTo(ContainerSpec.Lifecycle.RUN_ONCE);
		assertThat(spec.security()).isEqualTo(ContainerSpec.Security.HARDENED);
	}

	@Test
	void containerNamesKeepTheOwnersPrefixAndNeverMeetAcrossOwners() {
		assertThat(LendingSpecs.containerName("a", "b-web")).isEqualTo("a-b_web");
		assertThat(LendingSpecs.containerName("a-b", "web")).isEqualTo("a-b-web");
		List<String> owners = List.of("a", "a-b", "a-b-c", "a.b", "a_b", "b");
		List<String> names = List.of("web", "b-web", "c-web", "b-c-web", "b", "c", "b-c", "web-1");
		Map<String, String> seen = new java.util.HashMap<>();
		for (String owner : owners) {
			for (String name : names) {
				String containerName = LendingSpecs.containerName(owner, name);
				assertThat(containerName).startsWith(owner + "-");
				assertThat(seen.put(containerName, owner + " " + name)).as(containerName).isNull();
			}
		}
	}

	@Test
	void propertiesHaveTheDocumentedDefaults() {
		WorkloadsProperties properties = defaults();
		assertThat(properties.minHostPort()).isEqualTo(49152);
		assertThat(properties.maxHostPort()).isEqualTo(65535);
		assertThat(properties.maxPortsPerContainer()).isEqualTo(10);
		assertThat(properties.quota().maxContainers()).isEqualTo(5);
		assertThat(properties.images().allowed()).isEmpty();
		assertThat(properties.exec().maxPerUser()).isEqualTo(4);
	}

}
