package org.whalemountain.sif;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.registry.Registry;
import org.whalemountain.registry.events.ImageTagPushed;
import org.whalemountain.testsupport.DockerUser;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.PublishedEvents;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How fast a pushed image becomes a SIF, against the floor of
 * {@code docker export | mksquashfs -tar} of the same image, in one run on the real
 * registry and mksquashfs: time from the push's notification until the SIF is ready (the
 * medians of {@link #ROUNDS} new digests of one three-layer image), the heap a build adds
 * for that image and one four times larger, what a second tag of a built digest costs
 * (nothing: no layer GET, no mksquashfs), and the download's throughput against
 * {@code cat}. Run with {@code -Pbench}.
 */
@ServiceTest
@Timeout(value = 60, unit = TimeUnit.MINUTES)
class SifBuildBenchmark {

	static final int ROUNDS = 3;

	@LocalServerPort
	int port;

	@Autowired
	Registry registry;

	@Autowired
	SifBuilds sifBuilds;

	@Autowired
	TestRegistry testRegistry;

	@Autowired
	PublishedEvents events;

	@Autowired
	MeterRegistry meters;

	@TempDir
	Path dir;

	private final String repository = "alice/sifbench-"
			+ UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);

	private DockerUser alice;

	@Test
	void buildAgainstTheFloorHeapCachedDigestAndDownload() throws Exception {
		Http http = new Http(this.port, Duration.ofMinutes(2));
		this.alice = DockerUser.logIn(http, "alice", "alice-pass", this.registry.host(), this.dir);
		BenchmarkImages images = new BenchmarkImages(this.dir);
		String image = this.registry.host() + "/" + this.repository;
		String base = images.base(image + ":base", 1);
		String large = images.base(image + ":large", 4);
		this.testRegistry.registry()
			.notifications(this.testRegistry.notificationsUrl(), TestRegistry.NOTIFICATIONS_SECRET);
		List<Long> service = new ArrayList<>();
		List<Long> floor = new ArrayList<>();
		long heap = 0;
		long live = 0;
		ImageTagPushed last = null;
		for (int i = 0; i < ROUNDS; i++) {
			String tag = images.labelled(base, image + ":run" + i);
			try (HeapSampler sampler = new HeapSampler()) {
				Build build = pushAndBuild(tag, "run" + i);
				service.add(build.millis());
				progress("service run " + i + ": " + build.millis() + " ms");
				last = build.event();
				heap = Math.max(heap, sampler.peakAboveStart());
				live = Math.max(live, sampler.peakLiveAboveStart());
			}
			floor.add(images.exportAndSquash(tag, this.dir.resolve("floor.sqfs")));
			progress("floor run " + i + ": " + floor.get(i) + " ms; heap so far " + (heap >> 20) + " MB peak, "
					+ (live >> 20) + " MB after collections");
		}
		long largeHeap;
		long largeLive;
		long largeMillis;
		try (HeapSampler sampler = new HeapSampler()) {
			largeMillis = pushAndBuild(large, "large").millis();
			largeHeap = sampler.peakAboveStart();
			largeLive = sampler.peakLiveAboveStart();
		}
		progress("large: " + largeMillis + " ms, heap " + (largeHeap >> 20) + " MB peak, " + (largeLive >> 20)
				+ " MB after collections");
		Cached cached = secondTag(image + ":run" + (ROUNDS - 1), last);
		Path sif = this.sifBuilds.file(last.digest());
		SifDownloadTimer.Download download = SifDownloadTimer.compare(http, this.port,
				imageId(http, "run" + (ROUNDS - 1)), sif, this.dir, ROUNDS);

		long size = Files.size(sif);
		print(List.of(
				String.format("%-62s %d MB SIF, %d MB large SIF", "image", size >> 20,
						Files.size(this.sifBuilds.file(lastDigest("large"))) >> 20),
				row("service: notification to SIF ready (" + ROUNDS + " digests)", service),
				row("floor: docker export | mksquashfs -tar (" + ROUNDS + " runs)", floor),
				String.format("%-62s %.2f (goal <= 1.15)", "ratio service / floor",
						(double) median(service) / median(floor)),
				String.format("%-62s %d ms", "large image (4x): notification to SIF ready", largeMillis),
				String.format("%-62s %d MB peak, %d MB after collections", "heap added by a build, image", heap >> 20,
						live >> 20),
				String.format("%-62s %d MB peak, %d MB after collections", "heap added by a build, 4x image",
						largeHeap >> 20, largeLive >> 20),
				String.format("%-62s %d layer GETs, %d mksquashfs runs, SIF %s", "cached digest: second tag",
						cached.blobGets(), cached.builds(), cached.ready() ? "ready at once" : "NOT ready"),
				String.format("%-62s %.0f MB/s", "SIF download (curl), median", download.httpMegabytesPerSecond()),
				String.format("%-62s %.0f MB/s", "cat of the same file, median", download.catMegabytesPerSecond()),
				String.format("%-62s %.2f (goal >= 0.9)", "ratio download / cat", download.ratio())));
		assertThat(cached.blobGets()).isZero();
		assertThat(cached.builds()).isZero();
	}

	/** Pushes {@code tag} and times its notification until its SIF is ready. */
	private Build pushAndBuild(String tag, String name) {
		int mark = this.events.mark();
		this.alice.docker(Duration.ofMinutes(20), "push", tag);
		ImageTagPushed event = await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> pushed(mark, name), (found) -> found != null);
		long start = System.nanoTime();
		await().atMost(Duration.ofMinutes(15))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.sifBuilds.build(event.digest()).map(SifBuild::status).orElse(null),
					(status) -> status == SifStatus.READY || status == SifStatus.FAILED);
		assertThat(this.sifBuilds.build(event.digest()).orElseThrow().status()).isEqualTo(SifStatus.READY);
		return new Build((System.nanoTime() - start) / 1_000_000, event);
	}

	private ImageTagPushed pushed(int mark, String tag) {
		return this.events.since(mark, ImageTagPushed.class)
			.stream()
			.filter((event) -> event.repository().equals(this.repository) && event.tag().equals(tag))
			.findFirst()
			.orElse(null);
	}

	/**
	 * Pushes a second tag of a built digest and counts the layer GETs and mksquashfs runs
	 * it caused until the new tag's SIF answers.
	 */
	private Cached secondTag(String built, ImageTagPushed first) {
		double gets = this.meters.counter("wm.registry.requests", "kind", "blob.get").count();
		long builds = this.meters.timer("wm.sif.build", "outcome", "success").count();
		String tag = built.substring(0, built.lastIndexOf(':')) + ":cached";
		org.whalemountain.testsupport.DockerCli.docker("tag", built, tag);
		int mark = this.events.mark();
		this.alice.docker("push", tag);
		ImageTagPushed event = await().atMost(Duration.ofMinutes(1))
			.until(() -> pushed(mark, "cached"), (found) -> found != null);
		// the catalogue has the tag once its image answers; its SIF is served at once
		Http http = new Http(this.port);
		long id = await().atMost(Duration.ofMinutes(1))
			.until(() -> imageIdOrZero(http, "cached"), (found) -> found > 0);
		boolean ready = event.digest().equals(first.digest())
				&& http.get("/api/v1/images/" + id + "/sif", Http.basic("alice", "alice-pass")).status() == 200;
		return new Cached((long) (this.meters.counter("wm.registry.requests", "kind", "blob.get").count() - gets),
				this.meters.timer("wm.sif.build", "outcome", "success").count() - builds, ready);
	}

	private String lastDigest(String tag) {
		return this.events.since(0, ImageTagPushed.class)
			.stream()
			.filter((event) -> event.repository().equals(this.repository) && event.tag().equals(tag))
			.reduce((a, b) -> b)
			.orElseThrow()
			.digest();
	}

	private long imageId(Http http, String tag) {
		long id = imageIdOrZero(http, tag);
		if (id == 0) {
			throw new IllegalStateException("no image " + this.repository + ":" + tag + " in the catalogue");
		}
		return id;
	}

	private long imageIdOrZero(Http http, String tag) {
		for (var image : http.get("/api/v1/images", Http.basic("alice", "alice-pass")).json()) {
			if (image.get("repository").asString().equals(this.repository) && image.get("tag").asString().equals(tag)) {
				return image.get("id").asLong();
			}
		}
		return 0;
	}

	/** Each measurement as it is taken: a long run on a busy machine may not end. */
	private static void progress(String line) throws java.io.IOException {
		System.out.println("sif-build-benchmark: " + line);
		Path file = Path.of("target", "benchmarks", "sif-build-progress.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, line + "\n", java.nio.file.StandardOpenOption.CREATE,
				java.nio.file.StandardOpenOption.APPEND);
	}

	static String row(String name, List<Long> millis) {
		return String.format("%-62s median %d ms (runs: %s)", name, median(millis), millis);
	}

	static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static void print(List<String> rows) throws Exception {
		StringBuilder out = new StringBuilder("\n=== SIF build benchmark: " + Runtime.getRuntime().availableProcessors()
				+ " cores, " + Instant.now() + " ===\n");
		rows.forEach((row) -> out.append(row).append('\n'));
		System.out.println(out);
		Path file = Path.of("target", "benchmarks", "sif-build.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, out);
	}

	private record Build(long millis, ImageTagPushed event) {
	}

	private record Cached(long blobGets, long builds, boolean ready) {
	}

}
