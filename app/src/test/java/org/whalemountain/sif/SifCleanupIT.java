package org.whalemountain.sif;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.registry.events.ImageTagRemoved;
import org.whalemountain.testsupport.MutableClock;
import org.whalemountain.testsupport.RegistryEvents;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SIF cleanup on the real MariaDB and SIF store: a finished build goes, with its
 * file, once no tag has pointed at its digest for {@code wm.sif.cleanup-grace}, counted
 * from the moment the last tag left (the registry's {@code ImageTagRemoved}), however
 * long ago it was built; a build a tag points at, or one still running, stays.
 */
@ServiceTest
class SifCleanupIT {

	@Autowired
	SifCleanup cleanup;

	@Autowired
	SifStore store;

	@Autowired
	SifProperties properties;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transaction;

	private final List<String> digests = new ArrayList<>();

	private final String repository = "alice/cleanup-" + UUID.randomUUID().toString().substring(0, 8);

	private Instant now;

	@BeforeEach
	void start() {
		this.now = this.clock.instant();
	}

	@AfterEach
	void cleanUp() throws Exception {
		this.clock.reset();
		for (String digest : this.digests) {
			this.jdbc.sql("DELETE FROM sif_builds WHERE digest = ?").param(digest).update();
			this.jdbc.sql("DELETE FROM sif_references WHERE digest = ?").param(digest).update();
			Files.deleteIfExists(this.store.file(digest));
		}
	}

	@Test
	void aSifGoesOnceNoTagHasPointedAtItForTheGraceAndNotBefore() throws Exception {
		Instant longAgo = this.now.minus(this.properties.cleanupGrace().multipliedBy(3));
		String referenced = build("READY", longAgo, null, "kept");
		String justLeft = build("READY", longAgo, null, "left");
		String leftLongAgo = build("READY", longAgo, longAgo, null);
		String failedLongAgo = build("FAILED", longAgo, longAgo, null);
		String building = build("BUILDING", null, longAgo, null);
		untag("left");

		this.cleanup.clean();

		assertThat(stored(referenced)).as("a tag points at it").isTrue();
		assertThat(stored(justLeft)).as("its last tag left just now, though it was built long ago").isTrue();
		assertThat(stored(leftLongAgo)).as("no tag for longer than the grace").isFalse();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM sif_builds WHERE digest = ?")
			.param(failedLongAgo)
			.query(Integer.class)
			.single()).as("a failed build is forgotten too").isZero();
		assertThat(status(building)).as("a build still running").isEqualTo("BUILDING");

		this.clock.advance(this.properties.cleanupGrace().plusMinutes(1));
		this.cleanup.clean();

		assertThat(stored(justLeft)).as("the grace has passed since its last tag left").isFalse();
		assertThat(stored(referenced)).isTrue();
		assertThat(status(building)).isEqualTo("BUILDING");
	}

	/**
	 * A build row as the worker leaves it, its file in the store if READY, and a tag
	 * pointing at it if {@code tag} is given.
	 */
	private String build(String status, Instant finishedAt, Instant lastReferencedAt, String tag) throws Exception {
		String digest = RegistryEvents.randomDigest();
		this.digests.add(digest);
		this.jdbc.sql("""
				INSERT INTO sif_builds (digest, repository, status, progress, attempts, lease_until, queued_at,
				    started_at, finished_at, last_referenced_at)
				VALUES (?, ?, ?, 100, 1, ?, ?, ?, ?, ?)""")
			.params(digest, this.repository, status,
					status.equals("BUILDING") ? ts(this.now.plus(Duration.ofDays(30))) : null,
					ts(this.now.minus(Duration.ofDays(30))), ts(this.now.minus(Duration.ofDays(30))), ts(finishedAt),
					ts(lastReferencedAt))
			.update();
		if (status.equals("READY")) {
			Files.createDirectories(this.store.file(digest).getParent());
			Files.writeString(this.store.file(digest), "a SIF of " + digest);
		}
		if (tag != null) {
			this.jdbc.sql("INSERT INTO sif_references (repository, tag, digest) VALUES (?, ?, ?)")
				.params(this.repository, tag, digest)
				.update();
		}
		return digest;
	}

	/** The registry reports that the tag left, as the sync or a deletion does. */
	private void untag(String tag) {
		this.transaction.executeWithoutResult(
				(status) -> this.events.publishEvent(new ImageTagRemoved("alice", this.repository, tag)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("SELECT COUNT(*) FROM sif_references WHERE repository = ? AND tag = ?")
				.params(this.repository, tag)
				.query(Integer.class)
				.single() == 0);
	}

	/** The build row and, for READY builds, its file. */
	private boolean stored(String digest) {
		boolean row = status(digest) != null;
		Path file = this.store.file(digest);
		assertThat(Files.exists(file)).as("the file of %s goes with its row", digest).isEqualTo(row);
		return row;
	}

	private String status(String digest) {
		return this.jdbc.sql("SELECT status FROM sif_builds WHERE digest = ?")
			.param(digest)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private static Timestamp ts(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

}
