package org.whalemountain.workloads.docker;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.core.DockerClientConfig;
import org.junit.jupiter.api.Test;

import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerSpec.PortBinding;
import org.whalemountain.workloads.engine.ContainerStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads answers dockerd 20.10 gave for one container (labelled {@code owner=alice}, on a
 * user network, published {@code 127.0.0.1::8080} and {@code 2222:22}) created, running
 * and stopped.
 */
class DockerContainerInfosTests {

	private static final String NETWORK_ID = "28d565e6af87344bfeb0de13b583889c7f22ca4827529df8e0da4c0fc421202f";

	@Test
	void aCreatedContainerHasRequestedPortsAndNoStartOrExit() throws IOException {
		ContainerInfo info = DockerContainerInfos.from(inspected("inspect-created.json"));

		assertThat(info.name()).isEqualTo("wm-fixture-web");
		assertThat(info.image()).isEqualTo("wm-test/busybox:1");
		assertThat(info.status()).isEqualTo(ContainerStatus.CREATED);
		assertThat(info.labels()).containsEntry("owner", "alice");
		// no host address requested: any, as in a spec
		assertThat(info.ports()).containsExactly(new PortBinding(22, null, 2222),
				new PortBinding(8080, "127.0.0.1", 0));
		assertThat(info.networkIds()).isEmpty();
		assertThat(info.startedAt()).isNull();
		assertThat(info.exitCode()).isNull();
	}

	@Test
	void aRunningContainerHasTheHostPortsDockerBound() throws IOException {
		ContainerInfo info = DockerContainerInfos.from(inspected("inspect-running.json"));

		assertThat(info.status()).isEqualTo(ContainerStatus.RUNNING);
		assertThat(info.ports()).containsExactly(new PortBinding(22, "0.0.0.0", 2222), new PortBinding(22, "::", 2222),
				new PortBinding(8080, "127.0.0.1", 32777));
		assertThat(info.networkIds()).containsExactly(NETWORK_ID);
		assertThat(info.startedAt()).isEqualTo(Instant.parse("2026-11-22T00:53:39.46264207Z"));
		assertThat(info.exitCode()).isNull();
	}

	@Test
	void aStoppedContainerHasItsExitCode() throws IOException {
		ContainerInfo info = DockerContainerInfos.from(inspected("inspect-exited.json"));

		assertThat(info.status()).isEqualTo(ContainerStatus.EXITED);
		assertThat(info.exitCode()).isEqualTo(3);
		assertThat(info.ports()).extracting(PortBinding::hostPort).containsExactly(2222, 0);
		assertThat(info.startedAt()).isNotNull();
	}

	@Test
	void unknownStatesAreUnknown() {
		assertThat(DockerContainerInfos.status("removing")).isEqualTo(ContainerStatus.UNKNOWN);
		assertThat(DockerContainerInfos.status(null)).isEqualTo(ContainerStatus.UNKNOWN);
		assertThat(DockerContainerInfos.status("dead")).isEqualTo(ContainerStatus.DEAD);
	}

	private static InspectContainerResponse inspected(String name) throws IOException {
		try (InputStream in = DockerContainerInfosTests.class.getResourceAsStream(name)) {
			return DockerClientConfig.getDefaultObjectMapper().readValue(in, InspectContainerResponse.class);
		}
	}

}
