package org.whalemountain.workloads.docker;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	@Autowired
	WireMockServer gitlabServer;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theServiceStartsAndHealthReportsDockerDown() {
		Http.Response health = new Http(this.port).get("/actuator/health", null);

		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json().get("components").get("docker").get("status").asString()).isEqualTo("DOWN");
		assertThat(health.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
		assertThat(new Http(this.port).get("/api/v1/me", Http.basic("alice", "alice-pass")).status()).isEqualTo(200);
	}

	@Test
	void theEnginesListSaysDockerIsDownInsteadOfFailing() {
		Http.Response engines = new Http(this.port).get("/api/v1/engines", Http.basic("alice", "alice-pass"));

		assertThat(engines.status()).isEqualTo(200);
		assertThat(engines.json()).hasSize(1);
		assertThat(engines.json().get(0).get("name").asString()).isEqualTo("docker");
		assertThat(engines.json().get(0).get("up").asBoolean()).isFalse();
	}

	@Test
	void registeringARunnerIsA503ThatChangesNothing() {
		Http http = new Http(this.port);

		Http.Response refused = http.put("/api/v1/runner",
				"{\"project\":\"course-os/alice-image\",\"runnerToken\":\"glrt-alice-runner-0001\"}",
				Http.basic("alice", "alice-pass"));

		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.json().get("type").asString()).isEqualTo("/problems/docker-unavailable");
		assertThat(http.get("/api/v1/runner", Http.basic("alice", "alice-pass")).status()).isEqualTo(404);
		// GitLab was never asked: nothing to undo there either
		assertThat(this.gitlabServer.getAllServeEvents()).isEmpty();
	}

	@Test
	void launchingAContainerIsA503ThatLeavesNoRowAndHoldsNoPort() {
		Http http = new Http(this.port);

		Http.Response refused = http.post("/api/v1/containers",
				"{\"name\":\"down\",\"image\":\"nginx:1.27\",\"ports\":\"80 443\"}", Http.basic("bob", "bob-pass"));

		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.json().get("type").asString()).isEqualTo("/problems/docker-unavailable");
		assertThat(refused.header("Retry-After")).isNotNull();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM containers WHERE owner = 'bob'").query(Integer.class).single())
			.isZero();
		assertThat(this.jdbc
			.sql("SELECT COUNT(*) FROM host_ports hp JOIN containers c ON c.id = hp.container WHERE c.owner = 'bob'")
			.query(Integer.class)
			.single()).isZero();
	}

}
