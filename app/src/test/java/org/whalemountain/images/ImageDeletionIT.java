package org.whalemountain.images;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.registry.Registry;
import org.whalemountain.registry.RegistryClient;
import org.whalemountain.testsupport.CatalogueImages;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.DockerUser;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.testsupport.Http.basic;

/**
 * Deleting an image over the API, as its owner and as an admin, against the real
 * registry: the manifest goes from the registry with every tag that pointed at it, then
 * the catalogue rows go.
 */
@ServiceTest
class ImageDeletionIT {

	static final String ALICE = basic("alice", "alice-pass");

	static final String BOB = basic("bob", "bob-pass");

	static final String SENSEI = basic("sensei", "sensei-pass");

	@LocalServerPort
	int port;

	@Autowired
	Registry registry;

	@Autowired
	RegistryClient registryClient;

	@Autowired
	JdbcClient jdbc;

	Http http;

	CatalogueImages images;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.images = new CatalogueImages(this.http, this.registry);
	}

	@AfterEach
	void cleanUp() {
		this.images.close();
	}

	@Test
	void anOwnerDeletesHerImageWithEveryTagOfItsDigest() throws Exception {
		CatalogueImages.Pushed pushed = this.images.push("alice", "alice-pass", "deleted", "", "1", "2");
		assertThat(this.registryClient.tags(pushed.repository())).containsExactlyInAnyOrder("1", "2");

		Http.Response deleted = this.http.delete("/api/v1/images/" + pushed.id("1"), ALICE);

		assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
		assertGone(pushed, "alice", "alice-pass", ALICE);
	}

	@Test
	void anAdminDeletesAnotherUsersImage() throws Exception {
		CatalogueImages.Pushed pushed = this.images.push("bob", "bob-pass", "removed", "", "1");
		assertThat(this.http.get("/api/v1/me", SENSEI).status()).isEqualTo(200);

		Http.Response deleted = this.http.delete("/api/v1/images/" + pushed.id("1"), SENSEI);

		assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
		assertGone(pushed, "bob", "bob-pass", BOB);
	}

	private void assertGone(CatalogueImages.Pushed pushed, String owner, String password, String ownerBasic)
			throws Exception {
		assertThat(this.registryClient.tags(pushed.repository())).isEmpty();
		DockerUser docker = this.images.login(owner, password);
		for (String tag : pushed.ids().keySet()) {
			DockerCli.Result pull = docker.attempt("pull", pushed.reference(tag));
			assertThat(pull.exitCode()).as("docker pull %s: %s", tag, pull.stdout()).isNotZero();
			assertThat(this.http.get("/api/v1/images/" + pushed.id(tag), ownerBasic).status()).isEqualTo(404);
		}
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM images WHERE repository = ?")
			.param(pushed.repository())
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.http.get("/api/v1/images", ownerBasic)
			.json()
			.valueStream()
			.map((image) -> image.get("repository").asString())
			.toList()).doesNotContain(pushed.repository());
	}

}
