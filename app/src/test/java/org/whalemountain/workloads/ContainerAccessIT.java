package org.whalemountain.workloads;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.workloads.ContainerLendingIT.ALICE;
import static org.whalemountain.workloads.ContainerLendingIT.BOB;
import static org.whalemountain.workloads.ContainerLendingIT.CAROL;
import static org.whalemountain.workloads.ContainerLendingIT.SENSEI;

/**
 * Who may touch a container, what input is refused, and host ports under a burst of
 * parallel launches, on the real dockerd.
 */
@ServiceTest
class ContainerAccessIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http http;

	ContainerLendingIT lending = new ContainerLendingIT();

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.lending.http = this.http;
		this.lending.port = this.port;
		TestImages.busybox();
	}

	@AfterEach
	void deleteContainers() {
		this.lending.deleteContainers();
	}

	@Test
	void badInputIsRefusedWithNothingCreatedAndNoPortHeld() {
		String image = TestImages.BUSYBOX;
		List<String> bodies = List.of("{\"name\": \"Bad_Name\", \"image\": \"" + image + "\"}",
				"{\"name\": \"-x\", \"image\": \"" + image + "\"}",
				"{\"name\": \"" + "x".repeat(60) + "\", \"image\": \"" + image + "\"}",
				"{\"name\": \"ok\", \"image\": \"" + image + "\", \"env\": \"1X=2\", \"ports\": \"80\"}",
				"{\"name\": \"ok\", \"image\": \"" + image + "\", \"env\": [\"NOEQUALS\"], \"ports\": [80]}",
				"{\"name\": \"ok\", \"image\": \"" + image + "\", \"ports\": \"80 0\"}",
				"{\"name\": \"ok\", \"image\": \"" + image + "\", \"ports\": \"80 http\"}",
				"{\"name\": \"ok\", \"image\": \"" + image + "\", \"ports\": \"80 443 80\"}",
				"{\"name\": \"ok\", \"image\": \"" + image + "\", \"env\": \"=V\", \"ports\": \"80\"}",
				"{\"name\": \"ok\", \"image\": \"" + image + "\", \"env\": [\"A=x\\u0000y\"], \"ports\": [80]}",
				"{\"name\": \"ok\", \"image\": \"" + image + "\", \"ports\": [70000]}",
				"{\"name\": \"ok\", \"image\": \"" + image + "\", \"ports\": \"1 2 3 4 5 6 7 8 9 10 11\"}",
				"{\"name\": \"ok\", \"image\": \"ghcr.io/someone/thing:1\", \"ports\": \"80\"}",
				"{\"name\": \"ok\", \"image\": \"Not A Reference\", \"ports\": \"80\"}",
				"{\"name\": \"ok\", \"image\": \"" + image + "\", \"engine\": \"kubernetes\", \"ports\": \"80\"}");
		for (String body : bodies) {
			Http.Response refused = this.http.post("/api/v1/containers", body, ALICE);
			assertThat(refused.status()).as(body).isEqualTo(400);
			assertThat(refused.json().get("type").asString()).as(body).startsWith("/problems/");
			assertThat(refused.json().get("detail").asString()).as(body).isNotBlank();
		}
		assertThat(count("SELECT COUNT(*) FROM containers WHERE owner = 'alice'")).isZero();
		assertThat(count("SELECT COUNT(*) FROM host_ports hp JOIN containers c ON c.id = hp.container"
				+ " WHERE c.owner = 'alice'"))
			.isZero();
	}

	@Test
	void aStoppedContainerTakesNoCommandAndNoUploadAndAnOversizedFileIsRefused() throws Exception {
		long id = this.lending.launch(ALICE, ContainerLendingIT.name(), "").json().get("id").asLong();
		String tooLarge = "x".repeat(10_485_761);
		HttpResponse<String> large = this.lending.upload(ALICE, id, "big.bin", "/tmp", tooLarge);
		assertThat(large.statusCode()).isEqualTo(400);
		assertThat(large.body()).contains("wm.workloads.upload.max-bytes");

		this.http.post("/api/v1/containers/" + id + "/stop", "", ALICE);

		Http.Response exec = this.lending.exec(ALICE, id, "\"ls\"");
		assertThat(exec.status()).isEqualTo(409);
		assertThat(exec.json().get("detail").asString()).contains("not running");
		assertThat(this.lending.upload(ALICE, id, "x.txt", "/tmp", "x").statusCode()).isEqualTo(409);
	}

	@Test
	void aSecondContainerOfTheSameNameIsAConflict() {
		String name = ContainerLendingIT.name();
		assertThat(this.lending.launch(ALICE, name, "8080").status()).isEqualTo(201);
		Http.Response again = this.lending.launch(ALICE, name, "8080");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("type").asString()).isEqualTo("/problems/container-name-taken");
	}

	@Test
	void nobodyButTheOwnerReachesAContainer() throws Exception {
		long id = this.lending.launch(ALICE, ContainerLendingIT.name(), "8080").json().get("id").asLong();
		String base = "/api/v1/containers/" + id;
		// admins included: a container is its owner's alone
		for (String intruder : new String[] { BOB, SENSEI, null }) {
			// an anonymous write meets the CSRF check before authentication: 403, not 401
			List<Integer> expected = (intruder == null) ? List.of(401, 403) : List.of(404);
			assertThat(this.http.get(base, intruder).status()).isIn(expected);
			assertThat(this.http.post(base + "/stop", "", intruder).status()).isIn(expected);
			assertThat(this.http.post(base + "/start", "", intruder).status()).isIn(expected);
			assertThat(this.lending.exec(intruder, id, "\"ls\"").status()).isIn(expected);
			assertThat(this.http.getAnything(base + "/logs", intruder).status()).isIn(expected);
			assertThat(this.lending.upload(intruder, id, "x.txt", "/tmp", "x").statusCode()).isIn(expected);
			assertThat(this.http.delete(base, intruder).status()).isIn(expected);
		}
		assertThat(this.http.get("/api/v1/containers", BOB).json()).isEmpty();
		assertThat(this.http.get("/api/v1/containers", SENSEI).json()).isEmpty();
		assertThat(this.http.get("/api/v1/containers", null).status()).isEqualTo(401);
		// the engines are no secret to a signed-in user, of whatever role, and no one's
		// else
		assertThat(this.http.get("/api/v1/engines", null).status()).isEqualTo(401);
		for (String user : new String[] { ALICE, BOB, SENSEI }) {
			assertThat(this.http.get("/api/v1/engines", user).status()).isEqualTo(200);
		}
		assertThat(this.http.post("/api/v1/containers", "{}", null).status()).isIn(401, 403);
		JsonNode mine = this.http.get(base, ALICE).json();
		assertThat(mine.get("status").asString()).isEqualTo("running");
		assertThat(this.lending.exec(ALICE, id, "\"ls /tmp\"").json().get("stdout").asString()).doesNotContain("x.txt");
	}

	@Test
	void aBurstOfLaunchesGetsUniqueHostPortsAllFreedOnDeletion() throws Exception {
		List<String> users = List.of(ALICE, BOB, CAROL);
		ExecutorService pool = Executors.newFixedThreadPool(15);
		List<CompletableFuture<Http.Response>> launches = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			String user = users.get(i % users.size());
			launches.add(CompletableFuture
				.supplyAsync(() -> this.lending.launch(user, ContainerLendingIT.name(), "8080 8081"), pool));
		}
		CompletableFuture.allOf(launches.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
		pool.shutdown();
		Set<Integer> hostPorts = new HashSet<>();
		for (CompletableFuture<Http.Response> launch : launches) {
			assertThat(launch.get().status()).as(launch.get().body()).isEqualTo(201);
			launch.get().json().get("ports").forEach((p) -> hostPorts.add(p.get("host").asInt()));
		}
		assertThat(hostPorts).hasSize(30);
		Http.Response sixth = this.lending.launch(ALICE, ContainerLendingIT.name(), "8080");
		assertThat(sixth.status()).isEqualTo(409);
		assertThat(sixth.json().get("detail").asString()).contains("wm.workloads.quota.max-containers");
		this.lending.deleteContainers();
		assertThat(count("SELECT COUNT(*) FROM host_ports hp JOIN containers c ON c.id = hp.container"
				+ " WHERE c.owner IN ('alice', 'bob', 'carol')"))
			.isZero();
		assertThat(count("SELECT COUNT(*) FROM containers WHERE owner IN ('alice', 'bob', 'carol')")).isZero();
	}

	int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

}
