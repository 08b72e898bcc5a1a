package org.whalemountain.workloads;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.workloads.PrefixedUsersServiceTest.KAI;
import static org.whalemountain.workloads.PrefixedUsersServiceTest.KAI_RO;

/**
 * Container names on the Docker host start with their owner's name, yet no user can take
 * another's: {@code kai}'s {@code ro-web} and {@code kai-ro}'s {@code web} are different
 * containers, and a refused name never says whose it is.
 */
@PrefixedUsersServiceTest
class ContainerNamesIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http http;

	final String run = UUID.randomUUID().toString().substring(0, 6);

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		TestImages.busybox();
	}

	@AfterEach
	void deleteContainers() {
		LentContainers.deleteAll(this.http, List.of(KAI, KAI_RO));
	}

	@Test
	void aUserWhoseNameIsAnothersPrefixCannotTakeTheOthersNames() {
		Http.Response kais = launch(KAI, "ro-web" + this.run);
		Http.Response ros = launch(KAI_RO, "web" + this.run);

		assertThat(kais.status()).as(kais.body()).isEqualTo(201);
		assertThat(ros.status()).as(ros.body()).isEqualTo(201);
		assertThat(kais.json().get("name").asString()).isEqualTo("kai-ro_web" + this.run);
		assertThat(ros.json().get("name").asString()).isEqualTo("kai-ro-web" + this.run);
		assertThat(dockerName(kais.json())).isEqualTo("/kai-ro_web" + this.run);
		assertThat(dockerName(ros.json())).isEqualTo("/kai-ro-web" + this.run);
		assertThat(this.http.get("/api/v1/containers", KAI).json()).singleElement()
			.satisfies((mine) -> assertThat(mine.get("name").asString()).isEqualTo("kai-ro_web" + this.run));

		Http.Response again = launch(KAI_RO, "web" + this.run);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("type").asString()).isEqualTo("/problems/container-name-taken");
		assertThat(again.json().get("detail").asString()).contains("You already have");
	}

	/** Before names were written apart, kai's "ro-web" was called kai-ro-web. */
	@Test
	void aNameAnotherUsersOlderContainerHoldsIsRefusedWithoutSayingWhose() {
		String legacy = "kai-ro-old" + this.run;
		this.http.get("/api/v1/containers", KAI);
		this.jdbc.sql("""
				INSERT INTO containers (owner, name, image, engine, status, env_sealed, memory_bytes, created_at,
				    status_at)
				VALUES ('kai', ?, ?, 'docker', 'gone', 'v1:x', 0, ?, ?)""")
			.params(legacy, TestImages.BUSYBOX, Timestamp.from(Instant.now()), Timestamp.from(Instant.now()))
			.update();

		Http.Response refused = launch(KAI_RO, "old" + this.run);

		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(refused.json().get("type").asString()).isEqualTo("/problems/container-name-taken");
		assertThat(refused.json().get("detail").asString()).contains("choose another name")
			.doesNotContain("already have")
			.doesNotContain("kai ");
		assertThat(this.http.get("/api/v1/containers", KAI_RO).json()).isEmpty();
	}

	Http.Response launch(String user, String name) {
		return this.http.post("/api/v1/containers", """
				{"name": "%s", "image": "%s", "command": ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]}"""
			.formatted(name, TestImages.BUSYBOX), user);
	}

	static String dockerName(JsonNode container) {
		return DockerCli.docker("inspect", "--format", "{{.Name}}", container.get("containerId").asString()).trim();
	}

}
