package org.whalemountain.workloads;

import org.whalemountain.workloads.store.HostPorts;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Host ports that something outside the service has bound on the Docker host: a range of
 * two ports, so that the allocator cannot help picking them. (Its own range: other test
 * contexts, and other services on the same dockerd, hand out the default range.)
 */
@ServiceTest
@TestPropertySource(properties = { "wm.workloads.min-host-port=61847", "wm.workloads.max-host-port=61848" })
class HostPortClashIT {

	static final int LOW = 61847;

	static final int HIGH = 61848;

	static final String STUDENT09 = Students.credentials(9);

	static final String STUDENT10 = Students.credentials(10);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		TestImages.busybox();
	}

	@AfterEach
	void deleteContainers() {
		LentContainers.deleteAll(this.http, List.of(STUDENT09, STUDENT10));
	}

	@Test
	void aPortBoundOutsideTheServiceIsRetriedPastAndNeverHandedOut() throws Exception {
		try (ServerSocket outside = bindOutside(LOW)) {
			double before = refused();
			// the allocator picks at random: launch until it has met the bound port
			for (int round = 1; round <= 20 && refused() == before; round++) {
				Http.Response launched = launch(STUDENT09, ContainerLendingIT.name());
				assertThat(launched.status()).as(launched.body()).isEqualTo(201);
				JsonNode ports = launched.json().get("ports");
				assertThat(ports).hasSize(1);
				assertThat(ports.get(0).get("host").asInt()).isEqualTo(HIGH);
				String containerId = launched.json().get("containerId").asString();
				assertThat(PublishedPorts.of(List.of(containerId)).get(containerId))
					.containsExactlyEntriesOf(java.util.Map.of(8080, "127.0.0.1:" + HIGH));
				assertThat(count("SELECT COUNT(*) FROM host_ports WHERE host_port = " + LOW)).isZero();
				assertThat(this.http.delete("/api/v1/containers/" + launched.json().get("id").asLong(), STUDENT09)
					.status()).isEqualTo(204);
			}
			assertThat(refused()).as("Docker refused the outside port at least once").isEqualTo(before + 1);
		}
	}

	@Test
	void aRangeBoundOutsideEntirelyIsAConflictNamingThePortsWithNothingHeld() throws Exception {
		String blocker = "wm-clash-" + UUID.randomUUID().toString().substring(0, 8);
		try (ServerSocket program = bindOutside(LOW)) {
			// the other of dockerd's two refusals: a port another container publishes
			DockerCli.docker("run", "-d", "--name", blocker, "-p", "127.0.0.1:" + HIGH + ":8080", TestImages.BUSYBOX,
					"sleep", "600");
			double before = refused();
			String name = ContainerLendingIT.name();

			Http.Response refusedLaunch = launch(STUDENT10, name);

			assertThat(refusedLaunch.status()).as(refusedLaunch.body()).isEqualTo(409);
			assertThat(refusedLaunch.contentType()).startsWith("application/problem+json");
			assertThat(refusedLaunch.json().get("type").asString()).isEqualTo("/problems/host-port-taken");
			assertThat(refusedLaunch.json().get("detail").asString()).contains("61847-61848")
				.contains("[61847, 61848]")
				.contains("outside the service")
				.contains("wm.workloads.min-host-port");
			assertThat(refused()).isEqualTo(before + 2);
			assertThat(count("SELECT COUNT(*) FROM containers WHERE name = 'student10-" + name + "'")).isZero();
			assertThat(count("SELECT COUNT(*) FROM host_ports WHERE host_port BETWEEN " + LOW + " AND " + HIGH))
				.isZero();
			assertThat(DockerCli.docker("ps", "-aq", "--filter", "name=^student10-" + name + "$")).isBlank();
		}
		finally {
			DockerCli.attempt(java.util.Map.of(), null, "rm", "-f", blocker);
		}
	}

	@Test
	void aRangeHeldByTheServicesOwnContainersIsExhaustedWithoutAskingDocker() {
		assertThat(launch(STUDENT09, ContainerLendingIT.name()).status()).isEqualTo(201);
		assertThat(launch(STUDENT09, ContainerLendingIT.name()).status()).isEqualTo(201);
		double before = refused();

		Http.Response none = launch(STUDENT10, ContainerLendingIT.name());

		assertThat(none.status()).as(none.body()).isEqualTo(409);
		assertThat(none.json().get("type").asString()).isEqualTo("/problems/host-ports-exhausted");
		assertThat(none.json().get("detail").asString()).contains("No free host port is left in 61847-61848");
		assertThat(refused()).isEqualTo(before);
		assertThat(this.http.get("/api/v1/containers", STUDENT10).json()).isEmpty();
	}

	private Http.Response launch(String student, String name) {
		return this.http.post("/api/v1/containers", """
				{"name": "%s", "image": "%s", "ports": [8080], "command": %s}""".formatted(name, TestImages.BUSYBOX,
				ContainerBurstIT.SLEEPER), student);
	}

	/**
	 * Binds the port on the address the service publishes on, as another program would.
	 */
	private static ServerSocket bindOutside(int port) throws Exception {
		return new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"));
	}

	private double refused() {
		return this.meters.get(HostPorts.REFUSED_METER).counter().count();
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

}
