package org.whalemountain.sif;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.platform.ConflictException;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.RegistryEvents;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The limits of SIF builds on the real MariaDB and mksquashfs, with images from local
 * files: the lease heartbeat, the size limit, the build timeout, the per-user cap, and
 * where a rebuild reads its image.
 * <p>
 * Every cached test context polls the one shared database, and any of their workers would
 * claim a build queued here. So builds here are queued and claimed by this context's
 * worker in one transaction ({@link #queueAndStart}), and never sit QUEUED where other
 * workers can see them; this context's own poll waits an hour.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(LocalImageSource.Config.class)
@TestPropertySource(properties = { "wm.sif.poll-interval=PT1H", "wm.sif.lease=PT1S", "wm.sif.build-timeout=PT12S",
		"wm.sif.max-image-size=2MB", "wm.sif.max-queued-per-user=2", "wm.sif.max-concurrent-builds=4" })
@DirtiesContext
class SifBuildLimitsIT {

	@Autowired
	SifBuilds sifBuilds;

	@Autowired
	SifWorker worker;

	@Autowired
	SifBuildStore store;

	@Autowired
	SifReferences references;

	@Autowired
	SifBuilder builder;

	@Autowired
	SifStore files;

	@Autowired
	SifCleanup cleanup;

	@Autowired
	SifProperties properties;

	@Autowired
	LocalImageSource images;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	ApplicationEventPublisher events;

	@LocalServerPort
	int port;

	private final List<String> digests = new ArrayList<>();

	private final String suffix = UUID.randomUUID().toString().substring(0, 8);

	@AfterEach
	void forgetBuilds() throws Exception {
		for (String digest : this.digests) {
			this.jdbc.sql("DELETE FROM sif_builds WHERE digest = ?").param(digest).update();
			this.jdbc.sql("DELETE FROM sif_references WHERE digest = ?").param(digest).update();
			Files.deleteIfExists(this.files.file(digest));
		}
	}

	@Test
	void aSecondWorkerNeverClaimsABuildWhoseLeaseIsRenewed() {
		String digest = digest();
		this.images.add(digest);
		this.images.hold(digest);
		queueAndStart(new SifRequest(digest, "alice/slow-" + this.suffix, "alice", 100));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.images.layoutCalls(digest) == 1);
		String claim = claimOf(digest);
		// another instance: a lease layer and a worker of its own on the same database
		SifLeases otherLeases = new SifLeases(this.jdbc, this.properties);
		SifWorker other = new SifWorker(this.store, otherLeases, this.references, this.builder, this.properties,
				java.time.Clock.systemUTC(), new SimpleMeterRegistry());
		try {
			// four leases long the build makes no progress, while the other worker polls
			// as every instance does
			await().during(this.properties.lease().multipliedBy(4))
				.atMost(this.properties.lease().multipliedBy(8))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> {
					other.poll();
					SifBuild build = this.sifBuilds.build(digest).orElseThrow();
					return build.status() == SifStatus.BUILDING && build.attempts() == 1
							&& claim.equals(claimOf(digest));
				});
		}
		finally {
			other.destroy();
			otherLeases.destroy();
			this.images.release(digest);
		}

		SifBuild build = awaitStatus(digest, SifStatus.READY);

		assertThat(build.attempts()).isEqualTo(1);
		assertThat(this.images.layoutCalls(digest)).isEqualTo(1);
	}

	@Test
	void anImageOverTheSizeLimitIsRefusedBeforeItIsQueuedAndTheApiSaysWhy() {
		// the catalogue's image states 2.3 MB, over the 2 MiB limit
		String repository = "alice/large-" + this.suffix;
		String digest = digest();
		Http http = new Http(this.port);
		String alice = Http.basic("alice", "alice-pass");
		// the catalogue keeps images of users who logged in once
		assertThat(http.get("/api/v1/me", alice).status()).isEqualTo(200);
		RegistryEvents catalogue = new RegistryEvents(this.events, this.transaction, this.jdbc);
		long id = catalogue.push(repository, "1", digest);
		try {
			Http.Response download = http.getAnything("/api/v1/images/" + id + "/sif", alice);

			assertThat(download.status()).isEqualTo(409);
			JsonNode problem = download.json();
			assertThat(problem.get("type").asString()).isEqualTo("/problems/sif-build-failed");
			assertThat(problem.get("reason").asString()).isEqualTo("sif-image-too-large");
			assertThat(problem.get("detail").asString()).contains("2.3 MB", "2.1 MB", "wm.sif.max-image-size");
			JsonNode sif = http.get("/api/v1/images/" + id, alice).json().get("sif");
			assertThat(sif.get("status").asString()).isEqualTo("FAILED");
			assertThat(sif.get("reason").asString()).isEqualTo("sif-image-too-large");
			assertThat(this.sifBuilds.build(digest).orElseThrow().attempts()).isZero();
			assertThat(this.images.layoutCalls(digest)).isZero();
		}
		finally {
			catalogue.remove(repository, "1");
		}
	}

	@Test
	void anImageWhoseLayersAreOverTheSizeLimitFailsBeforeAnyDownload() {
		String digest = digest();
		this.images.add(digest, 3_000_000);
		queueAndStart(new SifRequest(digest, "alice/layers-" + this.suffix, "alice", 100));

		SifBuild build = awaitStatus(digest, SifStatus.FAILED);

		assertThat(build.reason()).isEqualTo("sif-image-too-large");
		assertThat(build.message()).contains("3.0 MB");
		assertThat(build.attempts()).isEqualTo(1);
		assertThat(this.images.downloads(digest)).isZero();
	}

	@Test
	void aBuildThatRunsPastTheTimeoutIsStoppedAndFailsWithoutRetry() {
		String digest = digest();
		this.images.add(digest);
		this.images.hold(digest);
		queueAndStart(new SifRequest(digest, "alice/stuck-" + this.suffix, "alice", 100));

		SifBuild build = await().atMost(this.properties.buildTimeout().multipliedBy(3))
			.until(() -> this.sifBuilds.build(digest).orElseThrow(), (b) -> b.status() != SifStatus.BUILDING);

		assertThat(build.status()).isEqualTo(SifStatus.FAILED);
		assertThat(build.reason()).isEqualTo("sif-build-timeout");
		assertThat(build.message()).contains("12 seconds", "wm.sif.build-timeout");
		assertThat(build.attempts()).isEqualTo(1);
		assertThat(build.finishedAt()).isAfterOrEqualTo(build.startedAt().plus(this.properties.buildTimeout()));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.images.interrupted(digest));
	}

	@Test
	void aUserWithTooManyBuildsWaitingHasTheNextOneRefusedUntilThereIsRoom() {
		String owner = "capped" + this.suffix;
		// two builds that wait (for a retry an hour away, where no worker takes them)
		String first = waiting(owner);
		waiting(owner);
		String digest = digest();
		SifRequest request = new SifRequest(digest, owner + "/third", owner, 100);

		SifBuild refused = this.sifBuilds.request(request);

		assertThat(refused.status()).isEqualTo(SifStatus.FAILED);
		assertThat(refused.reason()).isEqualTo("sif-queue-full");
		assertThat(refused.message()).contains(owner, "2 SIF builds", "wm.sif.max-queued-per-user");
		assertThatThrownBy(() -> this.sifBuilds.rebuild(request)).isInstanceOfSatisfying(ConflictException.class,
				(ex) -> assertThat(ex.code()).isEqualTo("sif-queue-full"));
		// nothing queued here is committed: other contexts' workers would claim it
		this.transaction.executeWithoutResult((tx) -> {
			SifRequest other = new SifRequest(digest(), "bob/app-" + this.suffix, "bob", 100);
			assertThat(this.sifBuilds.request(other).status()).isEqualTo(SifStatus.QUEUED);
			this.jdbc.sql("UPDATE sif_builds SET status = 'READY' WHERE digest = ?").param(first).update();
			SifBuild queued = this.sifBuilds.request(request);
			assertThat(queued.status()).isEqualTo(SifStatus.QUEUED);
			assertThat(queued.reason()).isNull();
			tx.setRollbackOnly();
		});
	}

	@Test
	void aRebuildReadsFromARepositoryThatStillHoldsTheDigest() {
		String digest = digest();
		this.images.add(digest);
		String first = "alice/first-" + this.suffix;
		String copy = "bob/copy-" + this.suffix;
		queueAndStart(new SifRequest(digest, first, "alice", 100));
		awaitStatus(digest, SifStatus.READY);
		// the repository that first pushed the digest goes; a copy in another one stays
		this.images.removeRepository(first);
		this.references.reference(copy, "1", digest, Instant.now());

		this.transaction.executeWithoutResult((tx) -> {
			this.sifBuilds.rebuild(new SifRequest(digest, copy, "bob", 100));
			assertThat(this.worker.start(digest)).isTrue();
		});

		SifBuild rebuilt = awaitStatus(digest, SifStatus.READY);
		assertThat(rebuilt.repository()).isEqualTo(copy);
		assertThat(this.images.repositoriesRead(digest)).containsExactly(first, copy);
	}

	@Test
	void aQueuedBuildWhoseRepositoryWentIsReadFromAnotherThatHoldsTheDigest() {
		String digest = digest();
		this.images.add(digest);
		String first = "alice/gone-" + this.suffix;
		String copy = "bob/kept-" + this.suffix;
		this.images.removeRepository(first);
		this.references.reference(copy, "1", digest, Instant.now());

		queueAndStart(new SifRequest(digest, first, "alice", 100));

		awaitStatus(digest, SifStatus.READY);
		assertThat(this.images.repositoriesRead(digest)).containsExactly(copy);
	}

	@Test
	void workDirectoriesOfClaimsThatNoLongerBuildAreDeleted() throws Exception {
		String live = digest();
		String token = UUID.randomUUID().toString();
		this.jdbc.sql("""
				INSERT INTO sif_builds (digest, repository, status, attempts, claim, lease_until, queued_at)
				VALUES (?, 'alice/live', 'BUILDING', 1, ?, NOW(6) + INTERVAL 1 HOUR, NOW(6))""")
			.params(live, token)
			.update();
		Path kept = this.files.workDirectory(live, token);
		Path left = this.files.workDirectory(digest(), UUID.randomUUID().toString());
		Files.writeString(left.resolve("layer-0"), "left by a worker that died");

		this.cleanup.clean();

		assertThat(kept).isDirectory();
		assertThat(left).doesNotExist();
		Files.delete(kept);
	}

	/**
	 * Queues the build and has this context's worker claim it before the queued row is
	 * committed, so that no other context's worker sees it queued.
	 */
	private void queueAndStart(SifRequest request) {
		this.transaction.executeWithoutResult((tx) -> {
			assertThat(this.sifBuilds.request(request).status()).isEqualTo(SifStatus.QUEUED);
			assertThat(this.worker.start(request.digest())).isTrue();
		});
	}

	private String waiting(String owner) {
		String digest = digest();
		this.jdbc.sql("""
				INSERT INTO sif_builds (digest, repository, requested_by, status, queued_at)
				VALUES (?, ?, ?, 'QUEUED', ?)""")
			.params(digest, owner + "/app", owner, Timestamp.from(Instant.now().plus(Duration.ofHours(1))))
			.update();
		return digest;
	}

	private String claimOf(String digest) {
		return this.jdbc.sql("SELECT claim FROM sif_builds WHERE digest = ?")
			.param(digest)
			.query(String.class)
			.single();
	}

	private SifBuild awaitStatus(String digest, SifStatus status) {
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> this.sifBuilds.build(digest).orElse(null),
					(build) -> build != null && build.status() == status);
	}

	private String digest() {
		String digest = RegistryEvents.randomDigest();
		this.digests.add(digest);
		return digest;
	}

}
