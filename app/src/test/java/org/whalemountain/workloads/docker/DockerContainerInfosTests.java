package org.whalemountain.workloads.docker;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.core.DockerClientConfig;
import org.junit.jupiter.api.Test;

import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerState;
import org.whalemountain.workloads.engine.Endpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads answers dockerd 20.10 gave for one container (labelled {@code owner=alice}, on a
 * user network, published {@code 127.0.0.1::8080} and {@code 2222:22}) created, running
 * and stopped.
 */
class DockerContainerInfosTests {

	@Test
	void aCreatedContainerHasRequestedPortsAndNoStartOrExit() throws IOException {
		ContainerInfo info = DockerContainerInfos.from(inspected("inspect-created.json"));

		assertThat(info.name()).isEqualTo("wm-fixture-web");
		assertThat(info.image()).isEqualTo("wm-test/busybox:1");
		assertThat(info.state()).isEqualTo(ContainerState.PENDING);
		assertThat(info.labels()).containsEntry("owner", "alice");
		// no host address requested: any, as in a spec
		assertThat(info.endpoints()).containsExactly(Endpoint.published(22, null, 2222),
				Endpoint.published(8080, "127.0.0.1", 0));
		assertThat(info.startedAt()).isNull();
		assertThat(info.exitCode()).isNull();
	}

	@Test
	void aRunningContainerHasTheHostPortsDockerBound() throws IOException {
		ContainerInfo info = DockerContainerInfos.from(inspected("inspect-running.json"));

		assertThat(info.state()).isEqualTo(ContainerState.RUNNING);
		assertThat(info.endpoints()).containsExactly(Endpoint.published(22, "0.0.0.0", 2222),
				Endpoint.published(22, "::", 2222), Endpoint.published(8080, "127.0.0.1", 32777));
		assertThat(info.startedAt()).isEqualTo(Instant.parse("2026-11-22T00:53:39.46264207Z"));
		assertThat(info.exitCode()).isNull();
	}

	@Test
	void aStoppedContainerHasItsExitCode() throws IOException {
		ContainerInfo info = DockerContainerInfos.from(inspected("inspect-exited.json"));

		assertThat(info.state()).isEqualTo(ContainerState.STOPPED);
		assertThat(info.exitCode()).isEqualTo(3);
		assertThat(info.endpoints()).extracting(Endpoint::port).containsExactly(2222, 0);
		assertThat(info.startedAt()).isNotNull();
	}

	@Test
	void dockersStatesReadAsTheNeutralOnes() {
		assertThat(DockerContainerInfos.state("removing")).isEqualTo(ContainerState.STOPPED);
		assertThat(DockerContainerInfos.state("paused")).isEqualTo(ContainerState.STOPPED);
		assertThat(DockerContainerInfos.state(null)).isEqualTo(ContainerState.FAILED);
		assertThat(DockerContainerInfos.state("dead")).isEqualTo(ContainerState.FAILED);
		assertThat(DockerContainerInfos.state("restarting")).isEqualTo(ContainerState.FAILED);
		assertThat(DockerContainerInfos.reason("restarting", 3)).contains("keeps exiting").contains("exit code 3");
	}

	private static InspectContainerResponse inspected(String name) throws IOException {
		try (InputStream in = DockerContainerInfosTests.class.getResourceAsStream(name)) {
			return DockerClientConfig.getDefaultObjectMapper().readValue(in, InspectContainerResponse.class);
		}
	}

}
