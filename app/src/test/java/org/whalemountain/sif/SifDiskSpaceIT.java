package org.whalemountain.sif;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.testsupport.RegistryEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The free-disk check on the real file system: with {@code wm.sif.min-free-disk} above
 * what any disk has, a build is refused before it downloads anything, and says why. A
 * context of its own, since that threshold refuses every build; queued and claimed in one
 * transaction for the reason {@link SifBuildLimitsIT} gives.
 */
@SpringBootTest
@Import(LocalImageSource.Config.class)
@TestPropertySource(
		properties = { "wm.sif.poll-interval=PT1H", "wm.sif.min-free-disk=1000000TB", "wm.sif.max-attempts=1" })
@DirtiesContext
class SifDiskSpaceIT {

	@Autowired
	SifBuilds sifBuilds;

	@Autowired
	SifWorker worker;

	@Autowired
	LocalImageSource images;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transaction;

	private final String digest = RegistryEvents.randomDigest();

	@AfterEach
	void forgetBuild() {
		this.jdbc.sql("DELETE FROM sif_builds WHERE digest = ?").param(this.digest).update();
	}

	@Test
	void aBuildThatWouldLeaveTooLittleDiskFreeIsRefusedBeforeAnyDownload() {
		this.images.add(this.digest);
		this.transaction.executeWithoutResult((tx) -> {
			this.sifBuilds.request(new SifRequest(this.digest, "alice/disk", "alice", 100));
			assertThat(this.worker.start(this.digest)).isTrue();
		});

		SifBuild build = await().atMost(Duration.ofSeconds(60))
			.until(() -> this.sifBuilds.build(this.digest).orElseThrow(), (b) -> b.status() == SifStatus.FAILED);

		assertThat(build.reason()).isEqualTo("sif-disk-low");
		assertThat(build.message()).contains("free", "wm.sif.min-free-disk");
		assertThat(this.images.layoutCalls(this.digest)).isEqualTo(1);
		assertThat(this.images.downloads(this.digest)).isZero();
	}

}
