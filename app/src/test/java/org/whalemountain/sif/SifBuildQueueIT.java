package org.whalemountain.sif;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.registry.ImageConfig;
import org.whalemountain.registry.events.ImageTagPushed;
import org.whalemountain.sif.rootfs.LayerTarFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The build queue on the real MariaDB with the real mksquashfs, reading images from local
 * layer files instead of the registry: one build per digest, retries, and builds an
 * instance left behind are taken over.
 */
@SpringBootTest
@Import(LocalImageSource.Config.class)
@TestPropertySource(properties = { "wm.sif.poll-interval=PT0.2S", "wm.sif.lease=PT3S" })
// its worker polls the shared database five times a second; once this class is done it
// must not go on claiming the builds of other classes' contexts
@DirtiesContext
class SifBuildQueueIT {

	@Autowired
	SifBuilds sifBuilds;

	@Autowired
	LocalImageSource images;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcClient jdbc;

	@Test
	void twoTagsOfOneDigestBuildOnce() {
		String digest = randomDigest();
		this.images.add(digest);
		publish("alice/app", "1", digest);
		publish("alice/app", "latest", digest);

		SifBuild build = awaitStatus(digest, SifStatus.READY);

		assertThat(this.images.layoutCalls(digest)).isEqualTo(1);
		assertThat(build.attempts()).isEqualTo(1);
		assertThat(build.sha256()).hasSize(64);
		assertThat(this.sifBuilds.file(digest)).isRegularFile().hasSize(build.sizeBytes());
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM sif_references WHERE digest = ?")
			.param(digest)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aBuildWhoseInstanceDiedIsTakenOverAndFinished() {
		String digest = randomDigest();
		this.images.add(digest);
		// as an instance leaves it when it dies mid-build: BUILDING, lease already run
		// out (leases are in the database's time)
		this.jdbc.sql("""
				INSERT INTO sif_builds (digest, repository, status, progress, attempts, claim, lease_until, queued_at,
				  started_at)
				VALUES (?, 'bob/tool', 'BUILDING', 40, 1, ?, NOW(6) - INTERVAL 5 SECOND, ?, ?)""")
			.params(digest, UUID.randomUUID().toString(), Timestamp.from(Instant.now().minusSeconds(60)),
					Timestamp.from(Instant.now().minusSeconds(50)))
			.update();

		SifBuild build = awaitStatus(digest, SifStatus.READY);

		assertThat(build.attempts()).isEqualTo(2);
	}

	@Test
	void aBrokenImageFailsWithTheReasonAndIsNotRetried() {
		String digest = "sha256:" + "e".repeat(64);
		this.images.breakImage(digest);
		publish("carol/broken", "1", digest);

		SifBuild build = awaitStatus(digest, SifStatus.FAILED);

		assertThat(build.message()).contains("..");
		assertThat(build.attempts()).isEqualTo(1);
	}

	private SifBuild awaitStatus(String digest, SifStatus status) {
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> this.sifBuilds.build(digest).orElse(null),
					(build) -> build != null && build.status() == status);
	}

	private void publish(String repository, String tag, String digest) {
		this.transaction.executeWithoutResult(
				(tx) -> this.events.publishEvent(new ImageTagPushed(repository.substring(0, repository.indexOf('/')),
						repository, tag, digest, 1000, Instant.now(), LocalImageSource.CONFIG)));
	}

	private static String randomDigest() {
		return "sha256:" + (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
	}

}
