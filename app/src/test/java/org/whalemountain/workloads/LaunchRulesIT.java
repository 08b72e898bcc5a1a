package org.whalemountain.workloads;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.testsupport.Http.basic;

/**
 * The operator's rules for launches: Docker Hub names let through by
 * {@code wm.workloads.images.allowed} and {@code denied}, and the memory quota. Nothing
 * can be pulled here, so the allowed name is the locally built busybox
 * ({@code wm-test/busybox:1}, on Docker Hub {@code docker.io/wm-test/busybox:1}), and the
 * denied one a tag of it the Docker host has too: the lists decide, not what the host
 * holds.
 */
@ServiceTest
@TestPropertySource(properties = { "wm.workloads.images.allowed[0]=wm-test/busybox:*",
		"wm.workloads.images.denied[0]=wm-test/busybox:denied-*",
		// room for two containers of wm.workloads.memory-bytes (512 MiB)
		"wm.workloads.quota.max-memory-bytes=1073741824" })
class LaunchRulesIT {

	static final String ALICE = basic("alice", "alice-pass");

	static final String SLEEP = "[\"sleep\", \"3600\"]";

	@LocalServerPort
	int port;

	Http http;

	String deniedTag;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		TestImages.busybox();
	}

	@AfterEach
	void cleanUp() {
		LentContainers.deleteAll(this.http, List.of(ALICE));
		if (this.deniedTag != null) {
			DockerCli.attempt(Map.of(), null, "rmi", this.deniedTag);
		}
	}

	@Test
	void anAllowedDockerHubNameIsLaunched() {
		Http.Response launched = launch(TestImages.BUSYBOX);

		assertThat(launched.status()).as(launched.body()).isEqualTo(201);
		assertThat(launched.json().get("status").asString()).isEqualTo("running");
		assertThat(launched.json().get("image").asString()).isEqualTo("docker.io/" + TestImages.BUSYBOX);
	}

	@Test
	void aDeniedNameIsRefusedThoughTheDockerHostHasIt() {
		this.deniedTag = "wm-test/busybox:denied-" + UUID.randomUUID().toString().substring(0, 8);
		DockerCli.docker("tag", TestImages.BUSYBOX, this.deniedTag);

		for (String name : List.of(this.deniedTag, "docker.io/" + this.deniedTag,
				"index.docker.io/" + this.deniedTag)) {
			Http.Response refused = launch(name);

			assertNotAllowed(refused, name);
			assertThat(refused.json().get("detail").asString()).as(name).contains("docker.io/" + this.deniedTag);
		}
		assertThat(this.http.get("/api/v1/containers", ALICE).json()).isEmpty();
	}

	@Test
	void aDockerHubNameNotAllowedIsRefusedBeforeAnythingIsPulled() {
		for (String name : List.of("busybox:1", "docker.io/library/nginx:1", "wm-test/other:1")) {
			assertNotAllowed(launch(name), name);
		}
		assertThat(this.http.get("/api/v1/containers", ALICE).json()).isEmpty();
	}

	@Test
	void theMemoryQuotaStopsTheThirdContainerUntilOneIsDeleted() {
		Http.Response first = launch(TestImages.BUSYBOX);
		assertThat(first.status()).as(first.body()).isEqualTo(201);
		assertThat(launch(TestImages.BUSYBOX).status()).isEqualTo(201);

		Http.Response third = launch(TestImages.BUSYBOX);

		assertThat(third.status()).isEqualTo(409);
		assertThat(third.contentType()).startsWith("application/problem+json");
		assertThat(third.json().get("type").asString()).isEqualTo("/problems/memory-quota-exceeded");
		assertThat(third.json().get("detail").asString()).contains("1073741824")
			.contains("wm.workloads.quota.max-memory-bytes");
		assertThat(this.http.get("/api/v1/containers", ALICE).json()).hasSize(2);

		assertThat(this.http.delete("/api/v1/containers/" + first.json().get("id").asLong(), ALICE).status())
			.isEqualTo(204);
		assertThat(launch(TestImages.BUSYBOX).status()).isEqualTo(201);
	}

	private Http.Response launch(String image) {
		return this.http.post("/api/v1/containers", "{\"name\": \"%s\", \"image\": \"%s\", \"command\": %s}"
			.formatted(ContainerLendingIT.name(), image, SLEEP), ALICE);
	}

	private static void assertNotAllowed(Http.Response refused, String name) {
		assertThat(refused.status()).as(name).isEqualTo(400);
		assertThat(refused.contentType()).as(name).startsWith("application/problem+json");
		assertThat(refused.json().get("type").asString()).as(name).isEqualTo("/problems/image-not-allowed");
		assertThat(refused.json().get("errors").get(0).get("field").asString()).as(name).isEqualTo("image");
	}

}
