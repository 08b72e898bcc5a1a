package org.whalemountain.registry.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.registry.Registry;
import org.whalemountain.registry.events.ImageTagPushed;
import org.whalemountain.registry.token.TokenMinter;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.PublishedEvents;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How long a push takes to reach the catalogue: through the registry's notification,
 * against the baseline of a sync started the moment the push was answered, which is the
 * least the scheduled sync can take (it adds half of {@code wm.registry.sync-interval} on
 * average). Both measured from the manifest PUT's answer to the {@code ImageTagPushed}
 * event, in one run. Run with {@code -Pbench}; not part of the test suite, whose tests
 * only check that a notification brings the push at all.
 */
@ServiceTest
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PushToCatalogueBenchmark {

	static final int ROUNDS = 7;

	/**
	 * {@code wm.registry.sync-interval}'s default; the service tests wait a day so that
	 * only the tests that sync do.
	 */
	static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMinutes(5);

	@LocalServerPort
	int port;

	@Autowired
	Registry registry;

	@Autowired
	TokenMinter minter;

	@Autowired
	TestRegistry testRegistry;

	@Autowired
	PublishedEvents events;

	private final String repository = "alice/latency-"
			+ UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);

	private RegistryApi api;

	private byte[] manifest;

	@Test
	void pushToCatalogueByNotificationAndBySync() throws Exception {
		assertThat(new Http(this.port).get("/api/v1/me", Http.basic("alice", "alice-pass")).status()).isEqualTo(200);
		upload();
		List<Long> notified = new ArrayList<>();
		List<Long> synced = new ArrayList<>();
		// one phase each: switching the notifications restarts the registry
		this.testRegistry.registry()
			.notifications(this.testRegistry.notificationsUrl(), TestRegistry.NOTIFICATIONS_SECRET);
		try {
			for (int i = 0; i < ROUNDS; i++) {
				notified.add(byNotification("n" + i));
			}
		}
		finally {
			this.testRegistry.registry().notifications(null, null);
		}
		for (int i = 0; i < ROUNDS; i++) {
			synced.add(bySync("s" + i));
		}
		long notification = median(notified);
		long sync = median(synced);
		print(List.of(row("push to catalogue via notification (" + ROUNDS + " pushes)", notified),
				row("baseline: push, then a sync at once (" + ROUNDS + " pushes)", synced),
				String.format("%-70s %.2f", "ratio notification / sync at once", (double) notification / sync),
				String.format("%-70s %d ms on average", "a scheduled sync every " + DEFAULT_SYNC_INTERVAL + " adds",
						DEFAULT_SYNC_INTERVAL.toMillis() / 2)));
	}

	private long byNotification(String tag) {
		int mark = this.events.mark();
		Instant pushed = push(tag);
		return arrival(mark, tag, pushed);
	}

	private long bySync(String tag) {
		int mark = this.events.mark();
		Instant pushed = push(tag);
		this.registry.requestSync("manual", null);
		return arrival(mark, tag, pushed);
	}

	private long arrival(int mark, String tag, Instant pushed) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> this.events.since(mark, ImageTagPushed.class)
				.stream()
				.anyMatch((event) -> event.repository().equals(this.repository) && event.tag().equals(tag)));
		return Duration.between(pushed, Instant.now()).toMillis();
	}

	private void upload() throws Exception {
		this.api = new RegistryApi(this.testRegistry.url(), this.minter);
		String token = this.api.pushToken(this.repository);
		byte[] layer = RegistryApi.tinyLayer("latency");
		String layerDigest = this.api.upload(this.repository, layer, token);
		byte[] config = RegistryApi.config("BENCH=latency", "/hello", layerDigest);
		String configDigest = this.api.upload(this.repository, config, token);
		this.manifest = RegistryApi.manifest(configDigest, config.length, layerDigest, layer.length);
	}

	/** Puts one more tag and returns when the registry answered. */
	private Instant push(String tag) {
		this.api.putManifest(this.repository, tag, this.manifest, this.api.pushToken(this.repository));
		return Instant.now();
	}

	private static String row(String name, List<Long> millis) {
		return String.format("%-70s median %d ms, max %d ms", name, median(millis),
				millis.stream().mapToLong(Long::longValue).max().orElseThrow());
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static void print(List<String> rows) throws Exception {
		StringBuilder out = new StringBuilder("\n=== Push to catalogue benchmark: "
				+ Runtime.getRuntime().availableProcessors() + " cores, " + Instant.now() + " ===\n");
		rows.forEach((row) -> out.append(row).append('\n'));
		System.out.println(out);
		Path file = Path.of("target", "benchmarks", "push-to-catalogue.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, out);
	}

}
