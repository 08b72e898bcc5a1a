package org.whalemountain.registry.sync;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.identity.Identity;
import org.whalemountain.registry.Registry;
import org.whalemountain.registry.SyncRun;
import org.whalemountain.registry.SyncRunStatus;
import org.whalemountain.registry.distribution.DistributionRegistryClient;
import org.whalemountain.registry.distribution.RequestKind;
import org.whalemountain.registry.distribution.ServiceTokens;
import org.whalemountain.registry.events.ImageTagPushed;
import org.whalemountain.registry.token.IssuedToken;
import org.whalemountain.registry.token.TokenMinter;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.PublishedEvents;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the sync scales, against the real registry on 127.0.0.1: 1,000 repositories of 10
 * tags each under one user. Measures the first sync, an unchanged registry (with the
 * service's tokens cached, and with none cached, as at every scheduled sync once they
 * expired), the bare HTTP traffic such a sync needs as the baseline, and the time from a
 * push to its catalogue event through the registry's notification. Run with
 * {@code -Pbench}; not part of the test suite.
 */
@ServiceTest
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class RegistrySyncBenchmark {

	static final int REPOSITORIES = 1000;

	static final int TAGS = 10;

	static final int CONCURRENCY = 16;

	static final int REPEATS = 3;

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

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Identity identity;

	@Autowired
	SyncApplier applier;

	@Autowired
	RegistryTags tags;

	@Autowired
	SyncRuns runs;

	@Autowired
	Clock clock;

	private final Map<String, String> report = new LinkedHashMap<>();

	private BenchmarkRegistry filled;

	@Test
	void syncOfAThousandRepositories() throws Exception {
		assertThat(new Http(this.port).get("/api/v1/me", Http.basic("alice", "alice-pass")).status()).isEqualTo(200);
		this.jdbc.sql("DELETE FROM registry_tags").update();
		this.filled = new BenchmarkRegistry(this.testRegistry.url(), this.minter, CONCURRENCY);
		long fill = timed(() -> this.filled.fill(REPOSITORIES, TAGS));
		this.report.put("fill (upload once, mount, put 10,000 manifests)", fill + " ms");

		measure("first sync", this::syncNow);
		assertThat(this.runs.latest().orElseThrow().tagsAdded()).isEqualTo(REPOSITORIES * TAGS);

		List<Long> warm = new ArrayList<>();
		List<Long> cold = new ArrayList<>();
		List<Long> bare = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (int i = 0; i < REPOSITORIES; i++) {
			names.add(BenchmarkRegistry.repository(i));
		}
		for (int i = 1; i <= REPEATS; i++) {
			warm.add(measure("no-change sync, tokens cached #" + i, this::syncNow));
			cold.add(syncWithFreshTokens("no-change sync, no token cached #" + i));
			BaselineTraffic baseline = new BaselineTraffic(this.testRegistry.url(), this.minter, CONCURRENCY, names);
			long start = System.nanoTime();
			BaselineTraffic.Counts counts = baseline.run();
			bare.add((System.nanoTime() - start) / 1_000_000);
			this.report.put("baseline #" + i, bare.get(i - 1) + " ms, " + counts);
		}
		long baseline = median(bare);
		this.report.put("median no-change sync, tokens cached", median(warm) + " ms");
		this.report.put("median no-change sync, no token cached", median(cold) + " ms");
		this.report.put("median baseline (bare catalog + tag lists + HEADs, " + CONCURRENCY + " at once)",
				baseline + " ms");
		this.report.put("ratio no-change / baseline, tokens cached",
				String.format("%.2f", (double) median(warm) / baseline));
		this.report.put("ratio no-change / baseline, no token cached",
				String.format("%.2f", (double) median(cold) / baseline));
		long latency = notificationLatency();
		this.report.put("goal: no-change sync <= 5000 ms (no token cached)", (median(cold) <= 5000) ? "met" : "missed");
		this.report.put("goal: push to catalogue <= 2000 ms", (latency <= 2000) ? "met" : "missed");
		print();
		// later test runs on this database would otherwise begin by removing 10,000 tags
		this.jdbc.sql("DELETE FROM registry_tags WHERE repository LIKE 'alice/bench-%'").update();
	}

	/**
	 * Runs the sync through the service, reports time and requests by kind, returns the
	 * time.
	 */
	private long measure(String name, Supplier<SyncRun> sync) {
		Map<RequestKind, Double> before = counts();
		long start = System.nanoTime();
		SyncRun run = sync.get();
		long millis = (System.nanoTime() - start) / 1_000_000;
		Map<RequestKind, Double> after = counts();
		StringBuilder requests = new StringBuilder();
		for (RequestKind kind : List.of(RequestKind.CATALOG, RequestKind.TAGS, RequestKind.MANIFEST_HEAD,
				RequestKind.MANIFEST_GET, RequestKind.BLOB_GET)) {
			requests.append(kind.tag()).append('=').append((long) (after.get(kind) - before.get(kind))).append(' ');
		}
		this.report.put(name, millis + " ms, " + requests.toString().trim() + ", run " + run.status());
		if (name.startsWith("no-change")) {
			assertUnchanged(run);
			assertThat(after.get(RequestKind.MANIFEST_GET) - before.get(RequestKind.MANIFEST_GET)).isZero();
			assertThat(after.get(RequestKind.BLOB_GET) - before.get(RequestKind.BLOB_GET)).isZero();
		}
		return millis;
	}

	/**
	 * A sync by a stack of its own whose token cache is empty, as at every scheduled sync
	 * once the tokens of the last one expired; counted by its own meters.
	 */
	private long syncWithFreshTokens(String name) {
		SimpleMeterRegistry own = new SimpleMeterRegistry();
		DistributionRegistryClient fresh = new DistributionRegistryClient(URI.create(this.testRegistry.url()),
				Duration.ofSeconds(10), new ServiceTokens((access) -> {
					IssuedToken token = this.minter.serviceToken(access);
					return new ServiceTokens.Token(token.token(), token.issuedAt().plus(token.expiresIn()));
				}, this.clock), own);
		try (RegistryScan scan = new RegistryScan(fresh, this.identity, CONCURRENCY, this.clock)) {
			String id = UUID.randomUUID().toString();
			this.runs.insertQueued(id, "manual", null, SyncScope.FULL, this.clock.instant());
			long start = System.nanoTime();
			new TagSync(scan, this.applier, this.tags, this.runs, this.clock).run(id, SyncScope.FULL);
			long millis = (System.nanoTime() - start) / 1_000_000;
			this.report.put(name, millis + " ms, manifest.head="
					+ (long) own.get(RequestKind.METER).tag("kind", "manifest.head").counter().count()
					+ " manifest.get=" + (long) own.get(RequestKind.METER).tag("kind", "manifest.get").counter().count()
					+ " blob.get=" + (long) own.get(RequestKind.METER).tag("kind", "blob.get").counter().count());
			assertUnchanged(this.runs.find(id).orElseThrow());
			assertThat(own.get(RequestKind.METER).tag("kind", "manifest.get").counter().count()).isZero();
			assertThat(own.get(RequestKind.METER).tag("kind", "blob.get").counter().count()).isZero();
			return millis;
		}
	}

	/**
	 * Push (the manifest PUT answered) to ImageTagPushed, through the registry's
	 * notification; returns the slowest of five.
	 */
	private long notificationLatency() throws Exception {
		this.testRegistry.registry()
			.notifications(this.testRegistry.notificationsUrl(), TestRegistry.NOTIFICATIONS_SECRET);
		try {
			BenchmarkRegistry bench = this.filled;
			List<Long> latencies = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				String tag = "pushed-" + i;
				int mark = this.events.mark();
				Instant pushed = bench.pushTag(BenchmarkRegistry.SOURCE, tag);
				await().atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(5))
					.until(() -> this.events.since(mark, ImageTagPushed.class)
						.stream()
						.anyMatch((event) -> event.tag().equals(tag)));
				latencies.add(Duration.between(pushed, Instant.now()).toMillis());
			}
			long slowest = latencies.stream().mapToLong(Long::longValue).max().orElseThrow();
			this.report.put("push to catalogue event via notification (5 pushes)",
					"median " + median(latencies) + " ms, max " + slowest + " ms");
			return slowest;
		}
		finally {
			this.testRegistry.registry().notifications(null, null);
		}
	}

	private SyncRun syncNow() {
		String id = this.registry.requestSync("manual", null).id();
		return await().atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> this.registry.syncRun(id), (run) -> run.finishedAt() != null);
	}

	private static void assertUnchanged(SyncRun run) {
		assertThat(run.status()).isEqualTo(SyncRunStatus.SUCCEEDED);
		assertThat(run.tagsAdded() + run.tagsChanged() + run.tagsRemoved()).isZero();
	}

	private Map<RequestKind, Double> counts() {
		Map<RequestKind, Double> counts = new LinkedHashMap<>();
		for (RequestKind kind : RequestKind.values()) {
			counts.put(kind, this.meters.get(RequestKind.METER).tag("kind", kind.tag()).counter().count());
		}
		return counts;
	}

	private void print() throws Exception {
		StringBuilder out = new StringBuilder("\n=== Registry sync benchmark: " + REPOSITORIES + " repositories x "
				+ TAGS + " tags, concurrency " + CONCURRENCY + ", " + Runtime.getRuntime().availableProcessors()
				+ " cores, " + Instant.now() + " ===\n");
		this.report.forEach((name, value) -> out.append(String.format("%-70s %s%n", name, value)));
		System.out.println(out);
		Path file = Path.of("target", "benchmarks", "registry-sync.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, out);
	}

	private static long timed(ThrowingRunnable action) throws Exception {
		long start = System.nanoTime();
		action.run();
		return (System.nanoTime() - start) / 1_000_000;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	@FunctionalInterface
	interface ThrowingRunnable {

		void run() throws Exception;

	}

}
