package org.whalemountain.workloads;

import org.whalemountain.workloads.launch.Launches;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.registry.Registry;
import org.whalemountain.testsupport.CatalogueImages;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.Http.basic;

/**
 * Launches from an image another user shared: with the launcher's group, or with
 * everybody. The image is pulled from the test registry the first time, as the Docker
 * host lacks it, and found there the second time.
 */
@ServiceTest
class SharedImageLaunchIT {

	static final String ALICE = basic("alice", "alice-pass");

	static final String BOB = basic("bob", "bob-pass");

	static final String CAROL = basic("carol", "carol-pass");

	@LocalServerPort
	int port;

	@Autowired
	Registry registry;

	Http http;

	CatalogueImages images;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.images = new CatalogueImages(this.http, this.registry);
	}

	@AfterEach
	void cleanUp() {
		LentContainers.deleteAll(this.http, List.of(ALICE, BOB, CAROL));
		this.images.close();
	}

	@Test
	void anImageSharedWithTheGroupOrWithEverybodyCanBeLaunched() {
		CatalogueImages.Pushed pushed = this.images.push("alice", "alice-pass", "shared",
				"CMD [\"httpd\", \"-f\", \"-p\", \"8080\"]", "1");
		String image = pushed.reference("1");
		assertThat(this.http.get("/api/v1/me", CAROL).status()).isEqualTo(200);
		assertThat(launch(BOB, image).status()).as("private to alice").isEqualTo(404);

		share(pushed, "{\"visibility\":\"GROUP\",\"group\":\"course-os\"}");
		Http.Response bobs = launch(BOB, image);
		Http.Response carols = launch(CAROL, image);

		assertThat(bobs.status()).as(bobs.body()).isEqualTo(201);
		assertThat(awaitSettled(BOB, bobs).get("status").asString()).isEqualTo("running");
		assertRunsTheImage("bob", image);
		assertThat(carols.status()).as("carol is not in course-os").isEqualTo(404);
		assertThat(carols.json().get("type").asString()).isEqualTo("/problems/image-not-found");

		share(pushed, "{\"visibility\":\"PUBLIC\"}");
		Http.Response again = launch(CAROL, image);

		assertThat(again.status()).as(again.body()).isEqualTo(201);
		assertThat(awaitSettled(CAROL, again).get("status").asString()).isEqualTo("running");
		assertRunsTheImage("carol", image);
	}

	private Http.Response launch(String user, String image) {
		return this.http.post("/api/v1/containers",
				"{\"name\": \"%s\", \"image\": \"%s\"}".formatted(ContainerLendingIT.name(), image), user);
	}

	private void share(CatalogueImages.Pushed pushed, String body) {
		assertThat(this.http.patch("/api/v1/images/" + pushed.id("1"), body, ALICE).status()).isEqualTo(200);
	}

	private JsonNode awaitSettled(String user, Http.Response launched) {
		long id = launched.json().get("id").asLong();
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> this.http.get("/api/v1/containers/" + id, user).json(),
					(now) -> !now.get("status").asString().equals("pending"));
	}

	/** Seen from outside: the user's container on the Docker host runs that image. */
	private static void assertRunsTheImage(String owner, String image) {
		String running = DockerCli
			.docker("ps", "--filter", "label=wm.owner=" + owner, "--filter", "status=running", "--format", "{{.Image}}")
			.trim();
		assertThat(running.lines().toList()).contains(image);
	}

}
