package org.whalemountain.workloads;

import org.whalemountain.workloads.reconcile.StaleLaunches;
import org.whalemountain.workloads.launch.Launches;
import org.whalemountain.workloads.store.HostPorts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import org.whalemountain.registry.Registry;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.DockerUser;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;
import org.whalemountain.testsupport.TestRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.Http.basic;

/**
 * Launches of catalogue images the Docker host lacks: answered at once as
 * {@code pending}, pulled in the background from the token-authenticated test registry
 * with the service's own pull token, then running, or failed with a reason and no host
 * port held.
 */
@ServiceTest
class ContainerPullIT {

	static final String ALICE = basic("alice", "alice-pass");

	static final String BOB = basic("bob", "bob-pass");

	@LocalServerPort
	int port;

	@Autowired
	Registry registry;

	@Autowired
	TestRegistry testRegistry;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StaleLaunches staleLaunches;

	@Autowired
	HostPorts hostPorts;

	@Autowired
	Clock clock;

	@TempDir
	Path dir;

	Http http;

	final String run = UUID.randomUUID().toString().substring(0, 8);

	String image;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@AfterEach
	void cleanUp() {
		LentContainers.deleteAll(this.http, List.of(ALICE, BOB));
		if (this.image != null) {
			DockerCli.attempt(Map.of(), null, "rmi", "-f", this.image);
		}
	}

	@Test
	void aCatalogueImageTheHostLacksIsPulledInTheBackgroundAndThenServes() throws Exception {
		String repository = pushAsAlice("pulled");
		assertThat(bobLaunch().status()).as("alice's private image, as bob").isEqualTo(404);

		Http.Response launched = launch(ALICE, "pull" + this.run, "8080");

		assertThat(launched.status()).as(launched.body()).isEqualTo(201);
		JsonNode body = launched.json();
		long id = body.get("id").asLong();
		assertThat(launched.header("Location")).isEqualTo("/api/v1/containers/" + id);
		assertThat(body.get("status").asString()).isEqualTo("pending");
		assertThat(body.get("containerId").isNull()).isTrue();
		assertThat(body.get("pullPercent").asInt()).isBetween(0, 100);
		int hostPort = body.get("ports").get(0).get("host").asInt();
		JsonNode running = await().atMost(Duration.ofSeconds(60))
			.until(() -> this.http.get("/api/v1/containers/" + id, ALICE).json(),
					(now) -> !now.get("status").asString().equals("pending"));

		assertThat(running.get("status").asString()).as(running.toString()).isEqualTo("running");
		assertThat(running.get("containerId").asString()).isNotBlank();
		assertThat(running.get("pullPercent").isNull()).isTrue();
		assertThat(running.get("ports").get(0).get("host").asInt()).isEqualTo(hostPort);
		assertThat(pullRecord(id)).as("the engine's progress reached the row")
			.isEqualTo("100 Status: Downloaded newer image for " + this.image);
		assertThat(DockerCli.attempt(Map.of(), null, "image", "inspect", this.image).exitCode()).isZero();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(ContainerLendingIT.fetch(hostPort)).isEqualTo("hello\n"));
		JsonNode marker = this.http.post("/api/v1/containers/" + id + "/exec", "{\"command\": \"cat /marker\"}", ALICE)
			.json();
		assertThat(marker.get("stdout").asString()).isEqualTo(this.run + "\n");
		await().atMost(Duration.ofSeconds(10)).until(() -> auditCount("alice-pull" + this.run) > 0);
		assertThat(auditCount("alice-pull" + this.run)).as("launched once, audited once").isEqualTo(1);
		assertThat(repository).startsWith("alice/");
	}

	@Test
	void aPullThatFailsEndsFailedWithTheReasonAndHoldsNoHostPort() throws Exception {
		String repository = pushAsAlice("vanishing");
		// the tag leaves the registry behind the catalogue's back: the check passes, the
		// pull cannot
		FileSystemUtils.deleteRecursively(this.testRegistry.storage()
			.resolve("docker/registry/v2/repositories/" + repository + "/_manifests/tags/1"));

		Http.Response launched = launch(ALICE, "gone" + this.run, "8080 8081");

		assertThat(launched.status()).as(launched.body()).isEqualTo(201);
		long id = launched.json().get("id").asLong();
		assertThat(launched.json().get("ports")).as("reserved before the answer").hasSize(2);
		JsonNode failed = await().atMost(Duration.ofSeconds(60))
			.until(() -> this.http.get("/api/v1/containers/" + id, ALICE).json(),
					(now) -> !now.get("status").asString().equals("pending"));
		assertThat(failed.get("status").asString()).isEqualTo("failed");
		// the service's words; dockerd's (registry URLs, error codes) stay in the log
		assertThat(failed.get("message").asString()).contains("could not be pulled")
			.contains("no image of that name and tag")
			.doesNotContain("manifest unknown")
			.doesNotContain("/v2/");
		assertThat(failed.get("ports")).isEmpty();
		assertThat(portRows(id)).isZero();
		assertThat(this.http.post("/api/v1/containers/" + id + "/start", "", ALICE).status()).isEqualTo(409);
		assertThat(this.http.delete("/api/v1/containers/" + id, ALICE).status()).isEqualTo(204);
	}

	@Test
	void aPullingContainerCanBeDeletedAndNothingStartsAfterwards() throws Exception {
		pushAsAlice("deleted");

		Http.Response launched = launch(ALICE, "del" + this.run, "8080");
		long id = launched.json().get("id").asLong();
		assertThat(launched.json().get("status").asString()).isEqualTo("pending");
		assertThat(this.http.delete("/api/v1/containers/" + id, ALICE).status()).isEqualTo(204);

		assertThat(this.http.get("/api/v1/containers/" + id, ALICE).status()).isEqualTo(404);
		assertThat(portRows(id)).isZero();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> DockerCli.attempt(Map.of(), null, "image", "inspect", this.image).exitCode() == 0);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> DockerCli.docker("ps", "-aq", "--filter", "label=wm.container-id=" + id).isBlank());
	}

	@Test
	void aPullThatDiedWithTheServiceFailsOnceStaleAndFreesItsPorts() {
		Instant now = this.clock.instant();
		long stale = pullingRow("stale" + this.run, now.minus(Duration.ofHours(1)));
		long fresh = pullingRow("fresh" + this.run, now);
		this.hostPorts.allocate(stale, 80, Set.of());

		assertThat(this.staleLaunches.failStale()).isPositive();

		JsonNode failed = this.http.get("/api/v1/containers/" + stale, ALICE).json();
		assertThat(failed.get("status").asString()).isEqualTo("failed");
		assertThat(failed.get("message").asString()).contains("restarted");
		assertThat(portRows(stale)).isZero();
		assertThat(this.http.get("/api/v1/containers/" + fresh, ALICE).json().get("status").asString())
			.isEqualTo("pending");
	}

	@Test
	void anotherUsersPrivateImageOnTheHostCannotBeLaunchedByItsIdOrAPrefix() throws Exception {
		pushAsAlice("private");
		long id = launch(ALICE, "own" + this.run, "").json().get("id").asLong();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.http.get("/api/v1/containers/" + id, ALICE).json().get("status").asString(),
					"running"::equals);
		String imageId = DockerCli.docker("image", "inspect", "--format", "{{.Id}}", this.image).trim();
		String hex = imageId.substring("sha256:".length());

		for (String byId : List.of(imageId, hex, hex.substring(0, 4), hex.substring(0, 12),
				"sha256:" + hex.substring(0, 12), hex.substring(0, 12) + ":latest")) {
			Http.Response refused = this.http.post("/api/v1/containers",
					"{\"name\": \"steal%s\", \"image\": \"%s\"}".formatted(this.run, byId), BOB);
			assertThat(refused.status()).as(byId).isEqualTo(400);
			assertThat(refused.json().get("type").asString()).as(byId).endsWith("/invalid-image");
			assertThat(refused.json().get("detail").asString()).as(byId).contains("image ID");
		}
		assertThat(this.http.get("/api/v1/containers", BOB).json()).isEmpty();
		assertThat(DockerCli.docker("ps", "-aq", "--filter", "label=wm.owner=bob").trim()).isEmpty();
	}

	@Test
	void anImageOfARegistryNotListedIsRefusedBeforeAnythingIsPulled() {
		String foreign = "quay.io/someone/thing-" + this.run + ":1";

		Http.Response refused = this.http.post("/api/v1/containers",
				"{\"name\": \"foreign%s\", \"image\": \"%s\"}".formatted(this.run, foreign), ALICE);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("type").asString()).endsWith("/image-not-allowed");
		assertThat(refused.json().get("detail").asString()).contains("quay.io").contains("docker.io");
		assertThat(this.http.get("/api/v1/containers", ALICE).json()).isEmpty();
	}

	/**
	 * Alice pushes a busybox image with this test's mark and a web page, the catalogue
	 * learns of it, and the Docker host's copy is removed.
	 * @return the repository
	 */
	String pushAsAlice(String name) throws Exception {
		String repository = "alice/" + name + "-" + this.run;
		this.image = this.registry.host() + "/" + repository + ":1";
		Path context = Files.createDirectories(this.dir.resolve("context"));
		Files.writeString(context.resolve("Dockerfile"), "FROM " + TestImages.busybox() + "\nRUN echo " + this.run
				+ " > /marker && mkdir /www && echo hello > /www/index.html && head -c 3000000 /dev/urandom > /noise\n"
				+ "CMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n");
		DockerCli.run(Map.of("DOCKER_BUILDKIT", "0"), null, "build", "-q", "-t", this.image, context.toString());
		DockerUser.logIn(this.http, "alice", "alice-pass", this.registry.host(), this.dir).docker("push", this.image);
		DockerCli.docker("rmi", "-f", this.image);
		this.registry.requestSync("manual", "alice");
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			for (JsonNode image : this.http.get("/api/v1/images", ALICE).json()) {
				if (image.get("repository").asString().equals(repository)) {
					return true;
				}
			}
			return false;
		});
		return repository;
	}

	Http.Response launch(String user, String name, String ports) {
		return this.http.post("/api/v1/containers",
				"{\"name\": \"%s\", \"image\": \"%s\", \"ports\": \"%s\"}".formatted(name, this.image, ports), user);
	}

	Http.Response bobLaunch() {
		return launch(BOB, "steal" + this.run, "");
	}

	long pullingRow(String name, Instant statusAt) {
		this.jdbc.sql("""
				INSERT INTO containers (owner, name, image, engine, status, env_sealed, memory_bytes, created_at,
				    status_at, pull_percent)
				VALUES ('alice', ?, 'wm-test/never:1', 'docker', 'pending', 'v1:x', 0, ?, ?, 40)""")
			.params("alice-" + name, Timestamp.from(statusAt), Timestamp.from(statusAt))
			.update();
		return this.jdbc.sql("SELECT id FROM containers WHERE name = ?")
			.param("alice-" + name)
			.query(Long.class)
			.single();
	}

	String pullRecord(long id) {
		return this.jdbc.sql("SELECT CONCAT(pull_percent, ' ', pull_message) FROM containers WHERE id = ?")
			.param(id)
			.query(String.class)
			.single();
	}

	int portRows(long id) {
		return this.jdbc.sql("SELECT COUNT(*) FROM host_ports WHERE container = ?")
			.param(id)
			.query(Integer.class)
			.single();
	}

	int auditCount(String name) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE target = ? AND action = 'container.launch'")
			.param("container:" + name)
			.query(Integer.class)
			.single();
	}

}
