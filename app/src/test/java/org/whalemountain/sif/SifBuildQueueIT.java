package org.whalemountain.sif;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
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
@Import(SifBuildQueueIT.LocalImages.class)
@TestPropertySource(properties = { "wm.sif.poll-interval=PT0.2S", "wm.sif.lease=PT3S" })
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
		// as an instance leaves it when it dies mid-build: BUILDING, lease already run
		// out
		this.jdbc
			.sql("""
					INSERT INTO sif_builds (digest, repository, status, progress, attempts, lease_until, queued_at, started_at)
					VALUES (?, 'bob/tool', 'BUILDING', 40, 1, ?, ?, ?)""")
			.params(digest, Timestamp.from(Instant.now().minusSeconds(5)),
					Timestamp.from(Instant.now().minusSeconds(60)), Timestamp.from(Instant.now().minusSeconds(50)))
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

	@TestConfiguration(proxyBeanMethods = false)
	static class LocalImages {

		@Bean
		@Primary
		LocalImageSource localImageSource() {
			return new LocalImageSource();
		}

	}

	/**
	 * Serves one small busybox-less image from files; a "broken" digest has an escaping
	 * entry.
	 */
	static class LocalImageSource implements ImageSource {

		static final ImageConfig CONFIG = new ImageConfig(List.of("PATH=/bin"), List.of(), List.of("/bin/sh"), "", "",
				Map.of(), "amd64", "linux");

		private final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();

		private final java.util.Set<String> broken = java.util.concurrent.ConcurrentHashMap.newKeySet();

		void breakImage(String digest) {
			this.broken.add(digest);
		}

		int layoutCalls(String digest) {
			return this.calls.getOrDefault(digest, new AtomicInteger()).get();
		}

		@Override
		public ImageLayout layout(String repository, String digest) {
			this.calls.computeIfAbsent(digest, (d) -> new AtomicInteger()).incrementAndGet();
			return new ImageLayout("{}".getBytes(StandardCharsets.UTF_8), CONFIG,
					List.of(new Layer(this.broken.contains(digest) ? "broken" : "good", 100, "tar")));
		}

		@Override
		public void download(String repository, String blobDigest, Path target) {
			try {
				Files.write(target,
						"broken".equals(blobDigest) ? LayerTarFixture.escaping() : LayerTarFixture.simple());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
