package org.whalemountain.workloads;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.whalemountain.workloads.reconcile.ContainerReconciler;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.workloads.ContainerLendingIT.ALICE;
import static org.whalemountain.workloads.ContainerLendingIT.BOB;

/**
 * Reconciliation on the real dockerd. A host port range of one port shows that a vanished
 * container's port is handed out again. Orphans are looked for only among the containers
 * this test labelled, since the dockerd is shared.
 */
@ServiceTest
@TestPropertySource(properties = { "wm.workloads.min-host-port=61741", "wm.workloads.max-host-port=61741" })
class ContainerReconciliationIT {

	private static final String RUN_LABEL = "wm.test-run";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ContainerReconciler reconciler;

	ContainerLendingIT lending = new ContainerLendingIT();

	String run = UUID.randomUUID().toString();

	String orphanName = "wm-orphan-" + this.run.substring(0, 8);

	@BeforeEach
	void setUp() {
		this.lending.http = new Http(this.port);
		this.lending.port = this.port;
		TestImages.busybox();
	}

	@AfterEach
	void cleanUp() {
		this.lending.deleteContainers();
		DockerCli.attempt(Map.of(), null, "rm", "-f", this.orphanName);
	}

	@Test
	void aContainerRemovedBehindTheServicesBackIsMarkedGoneAndItsPortsFreed() {
		Http.Response launched = this.lending.launch(ALICE, ContainerLendingIT.name(), "8080");
		assertThat(launched.status()).as(launched.body()).isEqualTo(201);
		long id = launched.json().get("id").asLong();
		int hostPort = launched.json().get("ports").get(0).get("host").asInt();
		DockerCli.docker("rm", "-f", launched.json().get("containerId").asString());

		ContainerReconciler.Result result = this.reconciler.reconcile(Map.of(RUN_LABEL, this.run), Duration.ofDays(1));

		assertThat(result.gone()).isGreaterThanOrEqualTo(1);
		assertThat(this.jdbc.sql("SELECT status FROM containers WHERE id = ?").param(id).query(String.class).single())
			.isEqualTo("gone");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM host_ports WHERE container = ? OR host_port = ?")
			.params(id, hostPort)
			.query(Integer.class)
			.single()).isZero();
		JsonNode view = this.lending.http.get("/api/v1/containers/" + id, ALICE).json();
		assertThat(view.get("status").asString()).isEqualTo("gone");
		assertThat(view.get("ports")).isEmpty();

		Http.Response next = this.lending.launch(BOB, ContainerLendingIT.name(), "8080");
		assertThat(next.status()).as(next.body()).isEqualTo(201);
		assertThat(next.json().get("ports").get(0).get("host").asInt()).isEqualTo(hostPort);
	}

	@Test
	void aLabelledContainerWithoutARowIsReportedThenRemovedAfterTheGracePeriod() {
		String containerId = DockerCli
			.docker("run", "-d", "--name", this.orphanName, "--label", "wm.kind=container", "--label", "wm.owner=alice",
					"--label", "wm.container-id=999999", "--label", RUN_LABEL + "=" + this.run, TestImages.BUSYBOX,
					"sleep", "600")
			.trim();
		Map<String, String> scope = Map.of(RUN_LABEL, this.run);

		ContainerReconciler.Result young = this.reconciler.reconcile(scope, Duration.ofDays(1));
		assertThat(young.orphans()).isEqualTo(1);
		assertThat(young.removed()).isZero();
		assertThat(DockerCli.attempt(Map.of(), null, "inspect", containerId).exitCode()).isZero();

		ContainerReconciler.Result old = this.reconciler.reconcile(scope, Duration.ZERO);
		assertThat(old.orphans()).isEqualTo(1);
		assertThat(old.removed()).isEqualTo(1);
		assertThat(DockerCli.attempt(Map.of(), null, "inspect", containerId).exitCode()).isNotZero();
	}

}
