package org.whalemountain.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.registry.Registry;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.DockerUser;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.Http.basic;

/**
 * The visibility policy at the registry's door: {@code docker pull} by other users of an
 * image alice pushed, as she keeps it private, makes it public, and shares it with her
 * group.
 */
@ServiceTest
class SharedPullIT {

	private static final String ALICE = basic("alice", "alice-pass");

	@LocalServerPort
	int port;

	@Autowired
	Registry registry;

	@TempDir
	Path dir;

	String image;

	@AfterEach
	void removeLocalTags() {
		DockerCli.attempt(Map.of(), null, "rmi", "-f", this.image);
	}

	@Test
	void othersPullOnlyWhatAliceShares() throws Exception {
		Http http = new Http(this.port);
		String repository = "alice/shared-" + UUID.randomUUID().toString().substring(0, 8);
		this.image = this.registry.host() + "/" + repository + ":1";
		Path context = Files.createDirectories(this.dir.resolve("context"));
		Files.writeString(context.resolve("Dockerfile"), "FROM " + TestImages.busybox() + "\nLABEL purpose=sharing\n");
		DockerCli.run(Map.of("DOCKER_BUILDKIT", "0"), null, "build", "-q", "-t", this.image, context.toString());
		DockerUser.logIn(http, "alice", "alice-pass", this.registry.host(), this.dir).docker("push", this.image);
		DockerCli.docker("rmi", "-f", this.image);
		this.registry.requestSync("manual", "alice");
		long id = awaitImage(http, repository);
		DockerUser bob = DockerUser.logIn(http, "bob", "bob-pass", this.registry.host(), this.dir);
		DockerUser carol = DockerUser.logIn(http, "carol", "carol-pass", this.registry.host(), this.dir);

		assertThat(pull(bob)).as("private").isFalse();
		assertThat(http.get("/api/v1/images/" + id, basic("bob", "bob-pass")).status()).isEqualTo(404);

		share(http, id, "{\"visibility\":\"PUBLIC\"}");
		assertThat(pull(bob)).as("public, bob").isTrue();
		assertThat(pull(carol)).as("public, carol").isTrue();

		share(http, id, "{\"visibility\":\"GROUP\",\"group\":\"course-os\"}");
		assertThat(pull(bob)).as("group course-os, bob is a member").isTrue();
		assertThat(pull(carol)).as("group course-os, carol is not").isFalse();

		share(http, id, "{\"visibility\":\"PRIVATE\"}");
		assertThat(pull(bob)).as("private again").isFalse();
	}

	private boolean pull(DockerUser user) {
		DockerCli.attempt(Map.of(), null, "rmi", "-f", this.image);
		return user.attempt("pull", this.image).exitCode() == 0;
	}

	private static void share(Http http, long id, String patch) {
		assertThat(http.patch("/api/v1/images/" + id, patch, ALICE).status()).isEqualTo(200);
	}

	private static long awaitImage(Http http, String repository) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			for (JsonNode image : http.get("/api/v1/images", ALICE).json()) {
				if (image.get("repository").asString().equals(repository)) {
					return image.get("id").asLong();
				}
			}
			return null;
		}, (id) -> id != null);
	}

}
