package org.whalemountain.workloads.docker;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dockerd being down is an operational problem, not a reason to refuse to start: the
 * service runs, logins work, and health says what is wrong.
 */
@ServiceTest
@TestPropertySource(properties = "wm.workloads.docker.host=unix:///nonexistent/wm-test/docker.sock")
class ServiceWithoutDockerIT {

	@LocalServerPort
	int port;

	@Test
	void theServiceStartsAndHealthReportsDockerDown() {
		Http.Response health = new Http(this.port).get("/actuator/health", null);

		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json().get("components").get("docker").get("status").asString()).isEqualTo("DOWN");
		assertThat(health.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
		assertThat(new Http(this.port).get("/api/v1/me", Http.basic("alice", "alice-pass")).status()).isEqualTo(200);
	}

}
