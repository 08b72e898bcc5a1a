package org.whalemountain.workloads.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.KubernetesCluster;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster the service cannot reach is an operational problem, not a reason to refuse to
 * start: the service runs, Docker stays UP, and health names Kubernetes as the engine
 * that is down. The service is pointed at a closed port; the shared test cluster keeps
 * running.
 */
@ServiceTest
class ServiceWithoutKubernetesIT {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void unreachableCluster(DynamicPropertyRegistry registry) {
		KubernetesCluster cluster = KubernetesCluster.get();
		registry.add("wm.kubernetes.api.url", () -> "https://127.0.0.1:" + closedPort());
		registry.add("wm.kubernetes.api.ca-file", cluster::caFile);
		registry.add("wm.kubernetes.api.token-file", () -> cluster.serviceTokenFile().toString());
	}

	@Test
	void healthSaysKubernetesIsDownAndDockerIsUp() {
		Http.Response health = new Http(this.port).get("/actuator/health", null);

		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json().get("status").asString()).isEqualTo("DOWN");
		assertThat(health.json().get("components").get("kubernetes").get("status").asString()).isEqualTo("DOWN");
		assertThat(health.json().get("components").get("docker").get("status").asString()).isEqualTo("UP");
		assertThat(new Http(this.port).get("/api/v1/me", Http.basic("alice", "alice-pass")).status()).isEqualTo(200);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
