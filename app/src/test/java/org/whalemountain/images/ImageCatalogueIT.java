package org.whalemountain.images;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.whalemountain.registry.Registry;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.registry.ImageConfig;
import org.whalemountain.registry.events.ImageTagPushed;
import org.whalemountain.registry.events.ImageTagRemoved;
import org.whalemountain.registry.PullPolicy;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.RegistryEvents;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.whalemountain.testsupport.RegistryEvents.randomDigest;

/**
 * The catalogue fed by the registry's events, as the sync publishes them, on the real
 * MariaDB; the pull policy and references that later features use.
 */
@ServiceTest
class ImageCatalogueIT {

	@LocalServerPort
	int port;

	@Autowired
	Images images;

	@Autowired
	Registry realRegistry;

	@Autowired
	PullPolicy pullPolicy;

	@Autowired
	ImageStore store;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcClient jdbc;

	RegistryEvents registry;

	String repository;

	@BeforeEach
	void logInEverybody() {
		Http http = new Http(this.port);
		for (String user : List.of("alice", "bob", "carol", "sensei")) {
			http.get("/api/v1/me", Http.basic(user, user + "-pass"));
		}
		this.registry = new RegistryEvents(this.events, this.transaction, this.jdbc);
		this.repository = RegistryEvents.repository("alice");
	}

	@Test
	void aPushedTagBecomesAPrivateImageOfItsOwner() {
		String digest = randomDigest();
		long id = this.registry.push(this.repository, "v1", digest);

		Image image = this.images.get("alice", id);
		assertThat(image.owner()).isEqualTo("alice");
		assertThat(image.repository()).isEqualTo(this.repository);
		assertThat(image.reference()).isEqualTo(this.realRegistry.host() + "/" + this.repository + ":v1");
		assertThat(image.digest()).isEqualTo(digest);
		assertThat(image.sizeBytes()).isEqualTo(2_345_678L);
		assertThat(image.visibility()).isEqualTo(Visibility.PRIVATE);
		assertThat(image.description()).isEmpty();
		assertThat(image.config().cmd()).containsExactly("/bin/sh");
		assertThat(image.config().labels()).containsEntry("org.opencontainers.image.title", "v1");
		assertThat(this.images.mine("alice")).extracting(Image::id).contains(id);
		assertThat(this.images.sharedWith("bob")).extracting(Image::id).doesNotContain(id);
	}

	@Test
	void aRePushKeepsDescriptionAndSharing() {
		long id = this.registry.push(this.repository, "latest", randomDigest());
		this.images.update("alice", id, new ImagePatch("Kept", "GROUP", "course-os"), null);

		String newer = randomDigest();
		assertThat(this.registry.push(this.repository, "latest", newer)).isEqualTo(id);

		Image image = this.images.get("alice", id);
		assertThat(image.digest()).isEqualTo(newer);
		assertThat(image.description()).isEqualTo("Kept");
		assertThat(image.visibility()).isEqualTo(Visibility.GROUP);
		assertThat(image.group()).isEqualTo("course-os");
	}

	@Test
	void aRedeliveredPushLeavesOneRow() {
		String digest = randomDigest();
		long id = this.registry.push(this.repository, "v1", digest);

		this.registry.publish(
				new ImageTagPushed("alice", this.repository, "v1", digest, 2_345_678L, Instant.now(),
						new ImageConfig(List.of(), List.of(), List.of(), "", "", Map.of(), "amd64", "linux")),
				this.repository);

		assertThat(this.store.inRepository(this.repository)).singleElement()
			.satisfies((entry) -> assertThat(entry.id()).isEqualTo(id));
	}

	@Test
	void aRemovedTagLeavesTheCatalogueAndARepeatedRemovalIsHarmless() {
		long kept = this.registry.push(this.repository, "v1", randomDigest());
		this.registry.push(this.repository, "v2", randomDigest());

		this.registry.remove(this.repository, "v2");
		this.registry.publish(new ImageTagRemoved("alice", this.repository, "v2"), this.repository);

		assertThat(this.store.inRepository(this.repository)).extracting(CatalogueEntry::id).containsExactly(kept);
	}

	@Test
	void aPushUnderAnotherUsersNameIsIgnored() {
		this.registry.publish(
				new ImageTagPushed("bob", this.repository, "v1", randomDigest(), 1, Instant.now(),
						new ImageConfig(List.of(), List.of(), List.of(), "", "", Map.of(), "amd64", "linux")),
				this.repository);

		assertThat(this.store.inRepository(this.repository)).isEmpty();
	}

	@Test
	void pullPolicyFollowsTheSharingOfAnyTag() {
		this.registry.push(this.repository, "private", randomDigest());
		long shared = this.registry.push(this.repository, "shared", randomDigest());

		assertThat(this.pullPolicy.mayPull("bob", this.repository)).isFalse();
		assertThat(this.pullPolicy.mayPull("carol", this.repository)).isFalse();
		assertThat(this.pullPolicy.mayPull("sensei", this.repository)).as("admins may see every image").isTrue();

		this.images.update("alice", shared, new ImagePatch(null, "GROUP", "course-os"), null);
		assertThat(this.pullPolicy.mayPull("bob", this.repository)).isTrue();
		assertThat(this.pullPolicy.mayPull("carol", this.repository)).isFalse();

		this.images.update("alice", shared, new ImagePatch(null, "PUBLIC", null), null);
		assertThat(this.pullPolicy.mayPull("carol", this.repository)).isTrue();

		this.images.update("alice", shared, new ImagePatch(null, "PRIVATE", null), null);
		assertThat(this.pullPolicy.mayPull("carol", this.repository)).isFalse();
		assertThat(this.pullPolicy.mayPull("bob", this.repository)).isFalse();
	}

	@Test
	void pullPolicyRefusesUnknownRepositoriesAndUsers() {
		long id = this.registry.push(this.repository, "v1", randomDigest());
		this.images.update("alice", id, new ImagePatch(null, "PUBLIC", null), null);

		assertThat(this.pullPolicy.mayPull("bob", "alice/no-such-repository")).isFalse();
		assertThat(this.pullPolicy.mayPull("never-logged-in", this.repository)).isFalse();
	}

	@Test
	void visibleImageResolvesReferencesForThoseWhoMaySeeIt() {
		String digest = randomDigest();
		long id = this.registry.push(this.repository, "latest", digest);

		assertThat(this.images.visibleImage("alice", this.realRegistry.host() + "/" + this.repository + ":latest").id())
			.isEqualTo(id);
		assertThat(this.images.visibleImage("alice", this.repository).id()).isEqualTo(id);
		assertThat(this.images.visibleImage("alice", this.repository + "@" + digest).id()).isEqualTo(id);
		assertThat(this.images.visibleImage("sensei", this.repository).id()).isEqualTo(id);
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.images.visibleImage("bob", this.repository + ":latest"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("image-not-found"));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.images.visibleImage("alice", "docker.io/" + this.repository + ":latest"));

		this.images.update("alice", id, new ImagePatch(null, "GROUP", "course-os"), null);
		assertThat(this.images.visibleImage("bob", this.repository + ":latest").id()).isEqualTo(id);
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.images.visibleImage("carol", this.repository + ":latest"));
	}

	@Test
	void deletingADigestRemovesEveryTagThatPointsAtIt() {
		String digest = randomDigest();
		this.registry.push(this.repository, "v1", digest);
		this.registry.push(this.repository, "latest", digest);
		long other = this.registry.push(this.repository, "v0", randomDigest());

		List<String> removed = this.transaction.execute((status) -> this.store.deleteDigest(this.repository, digest));

		assertThat(removed).containsExactly("latest", "v1");
		assertThat(this.store.inRepository(this.repository)).extracting(CatalogueEntry::id).containsExactly(other);
	}

}
