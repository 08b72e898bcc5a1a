package org.whalemountain.workloads.docker;

import org.whalemountain.workloads.launch.Launches;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.Latencies;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.testsupport.Latencies.burstSummary;
import static org.whalemountain.testsupport.Latencies.ms;
import static org.whalemountain.testsupport.Latencies.percentile;
import static org.whalemountain.testsupport.Latencies.ratio;
import static org.whalemountain.testsupport.Latencies.summary;

/**
 * What a launch through the API costs over bare Docker, on the real dockerd: one launch
 * at a time ({@code POST /api/v1/containers} until it answers {@code running}, against
 * {@link RawDockerLaunches}' create + start of the same image with the same options), and
 * a burst of fifty at once by the ten demo students against fifty bare launches at once.
 * The service's range leaves out the baseline's host ports. Run with {@code -Pbench}.
 */
@ServiceTest
@TestPropertySource(properties = { "wm.workloads.min-host-port=52000", "wm.workloads.max-host-port=60999" })
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ContainerLaunchBenchmark {

	static final int ROUNDS = 20;

	static final int WARM_UP = 3;

	static final int BURST = 50;

	static final int BURSTS = 2;

	@LocalServerPort
	int port;

	private final Map<String, String> report = new LinkedHashMap<>();

	private final List<String> tokens = new ArrayList<>();

	private Http http;

	@Test
	void launchLatencyAgainstBareDocker() throws Exception {
		this.http = new Http(this.port, Duration.ofMinutes(2));
		TestImages.busybox();
		for (int i = 1; i <= 10; i++) {
			String student = "student%02d".formatted(i);
			Http.Response token = this.http.post("/api/v1/tokens", "{\"name\": \"bench-" + UUID.randomUUID() + "\"}",
					Http.basic(student, student + "-pass"));
			assertThat(token.status()).as(token.body()).isEqualTo(201);
			this.tokens.add(Http.bearer(token.json().get("token").asString()));
		}
		ExecutorService pool = Executors.newFixedThreadPool(BURST);
		try (RawDockerLaunches raw = new RawDockerLaunches(TestImages.BUSYBOX, "wm-bench-raw")) {
			deleteStudentsContainers();
			raw.removeLeftovers();
			raw.ensureNetwork();
			try {
				oneAtATime(raw);
				stepCosts(raw);
				for (int i = 1; i <= BURSTS; i++) {
					long[] service = burst("service burst #" + i, pool, this::apiLaunch, this::apiDelete);
					long[] bare = burst("bare docker-java burst #" + i, pool, raw::launch, raw::remove);
					this.report.put("RATIO burst #" + i + ", service / bare: total, p50, p99",
							ratio(service[0], bare[0]) + ", " + ratio(service[1], bare[1]) + ", "
									+ ratio(service[2], bare[2]));
				}
			}
			finally {
				pool.shutdownNow();
				deleteStudentsContainers();
				raw.removeLeftovers();
			}
			raw.removeNetwork();
		}
		print();
	}

	/** What an interrupted run left behind would count against the students' quota. */
	private void deleteStudentsContainers() {
		for (String token : this.tokens) {
			for (var container : this.http.get("/api/v1/containers", token).json()) {
				this.http.delete("/api/v1/containers/" + container.get("id").asLong(), token);
			}
		}
	}

	private void oneAtATime(RawDockerLaunches raw) {
		List<Long> service = new ArrayList<>();
		List<Long> bare = new ArrayList<>();
		for (int round = -WARM_UP; round < ROUNDS; round++) {
			// alternate who goes first, so that neither always meets a just-busy dockerd
			boolean serviceFirst = (round % 2 == 0);
			for (int turn = 0; turn < 2; turn++) {
				boolean ours = (turn == 0) == serviceFirst;
				long start = System.nanoTime();
				String id = ours ? apiLaunch(0) : raw.launch(0);
				long micros = (System.nanoTime() - start) / 1_000;
				if (ours) {
					apiDelete(id);
				}
				else {
					raw.remove(id);
				}
				if (round >= 0) {
					(ours ? service : bare).add(micros);
				}
			}
		}
		long serviceMedian = percentile(service, 50);
		long bareMedian = percentile(bare, 50);
		this.report.put("one at a time, service: median / p90 / min / max (" + ROUNDS + " launches)", summary(service));
		this.report.put("one at a time, bare create+start: median / p90 / min / max", summary(bare));
		this.report.put("RATIO one at a time, median service / median bare", ratio(serviceMedian, bareMedian));
		this.report.put("goal: ratio <= 1.2", ((double) serviceMedian / bareMedian <= 1.2) ? "met" : "missed");
	}

	/**
	 * Where the service's extra time can go: its extra Docker calls and an authenticated
	 * request that does nothing, each alone, median of {@code ROUNDS}.
	 */
	private void stepCosts(RawDockerLaunches raw) {
		String id = raw.launch(0);
		try {
			Map<String, Runnable> steps = new java.util.TreeMap<>(raw.serviceExtraCalls(id));
			steps.put("GET /api/v1/me with a token (authentication, one user read)",
					() -> assertThat(this.http.get("/api/v1/me", this.tokens.get(0)).status()).isEqualTo(200));
			steps.forEach((name, step) -> {
				List<Long> times = new ArrayList<>();
				for (int i = -WARM_UP; i < ROUNDS; i++) {
					long start = System.nanoTime();
					step.run();
					if (i >= 0) {
						times.add((System.nanoTime() - start) / 1_000);
					}
				}
				this.report.put("step alone, median: " + name, ms(percentile(times, 50)));
			});
		}
		finally {
			raw.remove(id);
		}
	}

	/** Returns total, p50 and p99 in microseconds. */
	private long[] burst(String name, ExecutorService pool, IntFunction<String> launch,
			java.util.function.Consumer<String> remove) throws Exception {
		long[] burst = Latencies.burst(BURST, pool, launch, remove, 5);
		this.report.put(name + ": total / p50 / p99 (= slowest of 50)", burstSummary(burst));
		return burst;
	}

	/**
	 * Launches as the slot's student (five slots each); returns "token id" to delete by.
	 */
	private String apiLaunch(int slot) {
		String token = this.tokens.get(slot % this.tokens.size());
		Http.Response launched = this.http.post("/api/v1/containers", """
				{"name": "b%s", "image": "%s", "env": "GREETING=hi TOKEN=s3cret", "ports": [8080, 8081],
				 "command": ["sleep", "600"]}""".formatted(UUID.randomUUID().toString().substring(0, 8),
				TestImages.BUSYBOX), token);
		assertThat(launched.status()).as(launched.body()).isEqualTo(201);
		assertThat(launched.json().get("status").asString()).isEqualTo("running");
		return token + " " + launched.json().get("id").asLong();
	}

	private void apiDelete(String tokenAndId) {
		int space = tokenAndId.lastIndexOf(' ');
		Http.Response deleted = this.http.delete("/api/v1/containers/" + tokenAndId.substring(space + 1),
				tokenAndId.substring(0, space));
		assertThat(deleted.status()).isEqualTo(204);
	}

	private void print() throws Exception {
		StringBuilder out = new StringBuilder("\n=== Container launch benchmark: " + ROUNDS
				+ " launches one at a time, " + BURSTS + " bursts of " + BURST + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores, " + Instant.now() + " ===\n");
		this.report.forEach((name, value) -> out.append(String.format("%-75s %s%n", name, value)));
		System.out.println(out);
		Path file = Path.of("target", "benchmarks", "container-launch.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, out);
	}

}
