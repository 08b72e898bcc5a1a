package org.whalemountain.workloads;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.whalemountain.workloads.reconcile.ContainerReconciler;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.EngineLabels;
import org.whalemountain.workloads.engine.FakeEngine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.testsupport.Http.basic;

/**
 * The engines as users see them, with a second, in-memory engine ({@code fake}) enabled
 * beside the real dockerd: which engines there are, that a container lives on the engine
 * it was launched on for everything done to it, that reconciliation looks at each engine,
 * and what a container on an engine that is not enabled answers.
 */
@ServiceTest
@Import(EnginesApiIT.SecondEngine.class)
@TestPropertySource(properties = "wm.workloads.engines.enabled=docker,fake")
class EnginesApiIT {

	private static final String CAROL = basic("carol", "carol-pass");

	/** A row id no test's launch reaches, carried by the fake orphan. */
	private static final String ORPHAN_ROW = "987654321";

	private static final String STRANDED = "carol-on_kubernetes";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FakeEngine fake;

	@Autowired
	ContainerReconciler reconciler;

	Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@AfterEach
	void cleanUp() {
		this.fake.answering(true);
		this.jdbc.sql("DELETE FROM containers WHERE name = ?").param(STRANDED).update();
		LentContainers.deleteAll(this.http, java.util.List.of(CAROL));
	}

	@Test
	void signedInUsersSeeTheEnabledEnginesWithTheDefaultAndWhetherEachAnswers() {
		this.fake.answering(false);

		Http.Response engines = this.http.get("/api/v1/engines", CAROL);

		assertThat(engines.status()).isEqualTo(200);
		assertThat(engines.json()).hasSize(2);
		JsonNode docker = engines.json().get(0);
		assertThat(docker.get("name").asString()).isEqualTo("docker");
		assertThat(docker.get("default").asBoolean()).isTrue();
		assertThat(docker.get("up").asBoolean()).isTrue();
		JsonNode fake = engines.json().get(1);
		assertThat(fake.get("name").asString()).isEqualTo("fake");
		assertThat(fake.get("default").asBoolean()).isFalse();
		assertThat(fake.get("up").asBoolean()).isFalse();
		assertThat(this.http.get("/api/v1/engines", null).status()).isEqualTo(401);
	}

	@Test
	void aLaunchOnAnEngineThatIsNotEnabledIsRefusedNamingTheAvailableOnesAndLeavesNoRow() {
		for (String engine : new String[] { "kubernetes", "nope" }) {
			Http.Response refused = this.http.post("/api/v1/containers", """
					{"name": "web", "image": "busybox", "engine": "%s"}""".formatted(engine), CAROL);

			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.json().get("type").asString()).isEqualTo("/problems/engine-not-available");
			assertThat(refused.json().get("detail").asString()).contains("'" + engine + "'").contains("docker, fake");
		}
		assertThat(this.http.get("/api/v1/containers", CAROL).json()).isEmpty();
	}

	@Test
	void aContainerLaunchedOnAnEngineIsOperatedOnThatEngineOnly() {
		Http.Response launched = this.http.post("/api/v1/containers", """
				{"name": "onfake", "image": "busybox", "engine": "fake"}""", CAROL);
		assertThat(launched.status()).as(launched.body()).isEqualTo(201);
		long id = launched.json().get("id").asLong();
		String containerId = launched.json().get("containerId").asString();
		assertThat(launched.json().get("engine").asString()).isEqualTo("fake");
		assertThat(this.fake.inspect(containerId)).map(ContainerInfo::name).contains("carol-onfake");
		assertThat(DockerCli.docker("ps", "-aq", "--filter", "label=wm.container-id=" + id)).isBlank();

		String base = "/api/v1/containers/" + id;
		assertThat(this.http.post(base + "/stop", "", CAROL).json().get("status").asString()).isEqualTo("stopped");
		assertThat(this.http.post(base + "/start", "", CAROL).json().get("status").asString()).isEqualTo("running");
		// the fake's shell knows no uname: only the fake could have answered so
		assertThat(this.http.post(base + "/exec", "{\"command\": \"uname\"}", CAROL).json().get("stderr").asString())
			.isEqualTo("sh: uname: not found\n");
		this.fake.putFiles(containerId, "/tmp",
				new java.io.ByteArrayInputStream(UploadTars.tar("hi.txt", "on the fake\n".getBytes())));
		assertThat(this.http.post(base + "/exec", "{\"command\": \"cat /tmp/hi.txt\"}", CAROL)
			.json()
			.get("stdout")
			.asString()).isEqualTo("on the fake\n");
		assertThat(this.http.getAnything(base + "/logs?tail=5", CAROL).body())
			.isEqualTo(this.fake.logs(containerId, 5));

		assertThat(this.http.delete(base, CAROL).status()).isEqualTo(204);
		assertThat(this.fake.inspect(containerId)).isEmpty();
	}

	@Test
	void reconciliationLooksAtEachEngineWithItsOwnRows() {
		Http.Response launched = this.http.post("/api/v1/containers", """
				{"name": "vanishing", "image": "busybox", "engine": "fake"}""", CAROL);
		assertThat(launched.status()).as(launched.body()).isEqualTo(201);
		long id = launched.json().get("id").asLong();
		this.fake.remove(launched.json().get("containerId").asString());
		String orphan = this.fake.run(new ContainerSpec("carol-orphan", "busybox", java.util.List.of(),
				java.util.List.of(), java.util.List.of(),
				Map.of(EngineLabels.KIND_LABEL, EngineLabels.CONTAINER_KIND, EngineLabels.OWNER_LABEL, "carol",
						EngineLabels.ID_LABEL, ORPHAN_ROW),
				"carol", java.util.List.of(), new ContainerSpec.Resources(0, 0, 0), ContainerSpec.Security.HARDENED,
				null, ContainerSpec.Lifecycle.RUN_ONCE, java.util.List.of()), null, (progress) -> {
				})
			.id();

		ContainerReconciler.Result result = this.reconciler.reconcile(Map.of(EngineLabels.ID_LABEL, ORPHAN_ROW),
				Duration.ZERO);

		assertThat(result.gone()).isGreaterThanOrEqualTo(1);
		assertThat(result.removed()).isEqualTo(1);
		assertThat(this.fake.inspect(orphan)).isEmpty();
		assertThat(this.http.get("/api/v1/containers/" + id, CAROL).json().get("status").asString()).isEqualTo("gone");
	}

	@Test
	void aContainerOnAnEngineThatIsNotEnabledIsUnavailableButStillListed() {
		// carol's row in users comes with her first request
		assertThat(this.http.get("/api/v1/me", CAROL).status()).isEqualTo(200);
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.sql("""
				INSERT INTO containers (owner, name, image, engine, container_id, status, env_sealed, memory_bytes,
				    created_at, status_at)
				VALUES ('carol', ?, 'busybox', 'kubernetes', 'pod-1', 'running', '', 0, ?, ?)""")
			.params(STRANDED, now, now)
			.update();
		long id = this.jdbc.sql("SELECT id FROM containers WHERE name = ?").param(STRANDED).query(Long.class).single();

		for (String action : new String[] { "start", "stop" }) {
			Http.Response refused = this.http.post("/api/v1/containers/" + id + "/" + action, "", CAROL);

			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.json().get("type").asString()).isEqualTo("/problems/engine-unavailable");
			assertThat(refused.json().get("detail").asString()).contains("'kubernetes'");
		}
		assertThat(this.http.delete("/api/v1/containers/" + id, CAROL).status()).isEqualTo(503);
		JsonNode listed = this.http.get("/api/v1/containers", CAROL).json();
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("engine").asString()).isEqualTo("kubernetes");
		assertThat(listed.get(0).get("status").asString()).isEqualTo("running");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SecondEngine {

		@Bean
		FakeEngine fakeEngine() {
			return new FakeEngine("fake");
		}

	}

}
