package org.whalemountain.registry.sync;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.registry.Registry;
import org.whalemountain.registry.RegistryClient;
import org.whalemountain.registry.SyncRun;
import org.whalemountain.registry.SyncRunStatus;
import org.whalemountain.registry.distribution.RequestKind;
import org.whalemountain.registry.events.ImageTagPushed;
import org.whalemountain.registry.events.ImageTagRemoved;
import org.whalemountain.registry.token.Access;
import org.whalemountain.registry.token.TokenMinter;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.PublishedEvents;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;
import org.whalemountain.testsupport.TestRegistry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The sync against the real registry with token authentication, filled by the real docker
 * CLI as alice and bob (and over the registry API under names no user owns). Every test
 * starts from a synced registry, so each run's counts are the test's own changes.
 */
@ServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrySyncIT {

	@LocalServerPort
	int port;

	@Autowired
	Registry registry;

	@Autowired
	RegistryClient client;

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

	SyncFixture fixture;

	String suffix;

	@BeforeAll
	void usersLoggedInToDocker() throws Exception {
		this.fixture = new SyncFixture(this.registry, new Http(this.port), this.testRegistry.host(), this.meters);
		this.suffix = this.fixture.suffix;
		this.fixture.logIn("alice", "alice-pass");
		this.fixture.logIn("bob", "bob-pass");
	}

	@AfterAll
	void cleanUp() {
		this.fixture.close();
	}

	@BeforeEach
	void everythingPushedSoFarIsSynced() {
		assertThat(this.fixture.syncNow().status()).isEqualTo(SyncRunStatus.SUCCEEDED);
	}

	@Test
	void aSyncAnnouncesNewTagsWithOwnerDigestSizeAndConfigAndReportsWhatItSkipped() throws Exception {
		String app = "alice/app-" + this.suffix;
		String tool = "bob/tool-" + this.suffix;
		String appDigest = this.fixture.push("alice", this.fixture.appImage, app + ":1");
		String toolDigest = this.fixture.push("bob", TestImages.BUSYBOX, tool + ":1");
		String ghost = "ghost-" + this.suffix + "/app";
		String loner = "loner-" + this.suffix;
		pushOverTheApi(ghost, "1");
		pushOverTheApi(loner, "1");
		int mark = this.events.mark();

		SyncRun run = this.fixture.syncNow();

		assertThat(run.status()).isEqualTo(SyncRunStatus.SUCCEEDED);
		assertThat(run.tagsAdded()).isEqualTo(2);
		assertThat(run.tagsChanged()).isZero();
		assertThat(run.tagsRemoved()).isZero();
		assertThat(run.skipped()).contains(ghost + ": no user 'ghost-" + this.suffix + "' has logged in",
				loner + ": not under a user's name (<user>/<name>)");
		List<ImageTagPushed> pushed = this.events.since(mark, ImageTagPushed.class);
		assertThat(pushed).hasSize(2);
		assertThat(pushed).filteredOn((event) -> event.repository().equals(app)).singleElement().satisfies((event) -> {
			assertThat(event.owner()).isEqualTo("alice");
			assertThat(event.tag()).isEqualTo("1");
			assertThat(event.digest()).isEqualTo(appDigest);
			assertThat(event.sizeBytes()).isEqualTo(manifestSize(app, appDigest));
			assertThat(event.config().env()).contains("GREETING=hello sync", "MODE=test");
			assertThat(event.config().entrypoint()).containsExactly("/bin/sh", "-c");
			assertThat(event.config().cmd()).containsExactly("echo $GREETING");
			assertThat(event.config().architecture()).isEqualTo("amd64");
		});
		assertThat(pushed).filteredOn((event) -> event.repository().equals(tool)).singleElement().satisfies((event) -> {
			assertThat(event.owner()).isEqualTo("bob");
			assertThat(event.digest()).isEqualTo(toolDigest);
		});
	}

	@Test
	void buildCachesAreNeitherCataloguedNorReportedAndACacheAnOlderVersionStoredGoes() {
		String app = "alice/cached-" + this.suffix;
		String digest = this.fixture.push("alice", TestImages.BUSYBOX, app + ":1");
		// BuildKit's cache tag beside the image, and Buildah's cache repository
		this.fixture.push("alice", TestImages.BUSYBOX, app + ":buildcache");
		this.fixture.push("alice", TestImages.BUSYBOX, app + "--buildcache:" + digest.substring("sha256:".length()));
		this.jdbc.sql("""
				INSERT INTO registry_tags (repository, tag, owner, digest, unsupported, synced_at)
				VALUES (?, 'buildcache', 'alice', 'sha256:0', 'a manifest of type ..., not an image', NOW())""")
			.param(app)
			.update();
		int mark = this.events.mark();

		SyncRun run = this.fixture.syncNow();

		assertThat(run.status()).isEqualTo(SyncRunStatus.SUCCEEDED);
		assertThat(this.events.since(mark, ImageTagPushed.class))
			.extracting(ImageTagPushed::repository, ImageTagPushed::tag)
			.containsExactly(tuple(app, "1"));
		assertThat(run.skipped()).noneMatch((skipped) -> skipped.contains("cached-" + this.suffix));
		assertThat(this.jdbc.sql("SELECT CONCAT(repository, ':', tag) FROM registry_tags WHERE repository LIKE ?")
			.param(app + "%")
			.query(String.class)
			.list()).containsExactly(app + ":1");
	}

	@Test
	void anUnchangedRegistryCostsOneHeadPerTagAndNoManifestOrBlobRead() {
		String digest = this.fixture.push("alice", TestImages.BUSYBOX, "alice/still-" + this.suffix + ":1");
		assertThat(this.fixture.syncNow().tagsAdded()).isEqualTo(1);
		// the new digest sets off a SIF build, whose blob reads share these counters
		awaitNoSifBuildReading(digest);
		long tags = this.jdbc.sql("SELECT COUNT(*) FROM registry_tags").query(Long.class).single();
		double heads = this.fixture.requests(RequestKind.MANIFEST_HEAD);
		double manifests = this.fixture.requests(RequestKind.MANIFEST_GET);
		double blobs = this.fixture.requests(RequestKind.BLOB_GET);
		int mark = this.events.mark();

		SyncRun run = this.fixture.syncNow();

		assertThat(run.tagsAdded() + run.tagsChanged() + run.tagsRemoved()).isZero();
		assertThat(this.fixture.requests(RequestKind.MANIFEST_GET) - manifests).isZero();
		assertThat(this.fixture.requests(RequestKind.BLOB_GET) - blobs).isZero();
		assertThat(this.fixture.requests(RequestKind.MANIFEST_HEAD) - heads).isEqualTo(tags);
		assertThat(this.events.since(mark, ImageTagPushed.class)).isEmpty();
		assertThat(this.events.since(mark, ImageTagRemoved.class)).isEmpty();
	}

	private void awaitNoSifBuildReading(String digest) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> sifBuildSettled(digest) && this.jdbc.sql("""
					SELECT COUNT(*) FROM sif_builds
					WHERE status IN ('QUEUED', 'BUILDING') AND repository LIKE ?""")
				.param("%-" + this.suffix)
				.query(Long.class)
				.single() == 0);
	}

	private boolean sifBuildSettled(String digest) {
		return this.jdbc.sql("SELECT status FROM sif_builds WHERE digest = ?")
			.param(digest)
			.query(String.class)
			.optional()
			.filter((status) -> !status.equals("QUEUED") && !status.equals("BUILDING"))
			.isPresent();
	}

	@Test
	void aTagPushedAgainWithAnotherDigestIsAnnouncedOnce() {
		String repository = "alice/again-" + this.suffix;
		String first = this.fixture.push("alice", this.fixture.appImage, repository + ":1");
		this.fixture.syncNow();
		int mark = this.events.mark();

		String second = this.fixture.push("alice", this.fixture.variantImage, repository + ":1");
		SyncRun run = this.fixture.syncNow();
		this.fixture.syncNow();

		assertThat(second).isNotEqualTo(first);
		assertThat(run.tagsChanged()).isEqualTo(1);
		assertThat(this.events.since(mark, ImageTagPushed.class)).singleElement().satisfies((event) -> {
			assertThat(event.repository()).isEqualTo(repository);
			assertThat(event.digest()).isEqualTo(second);
		});
	}

	@Test
	void aNewTagOfAnImageAlreadyThereIsAnnounced() {
		String repository = "alice/tags-" + this.suffix;
		String digest = this.fixture.push("alice", TestImages.BUSYBOX, repository + ":1");
		this.fixture.syncNow();
		int mark = this.events.mark();

		this.fixture.push("alice", TestImages.BUSYBOX, repository + ":2");
		SyncRun run = this.fixture.syncNow();

		assertThat(run.tagsAdded()).isEqualTo(1);
		assertThat(this.events.since(mark, ImageTagPushed.class)).singleElement().satisfies((event) -> {
			assertThat(event.tag()).isEqualTo("2");
			assertThat(event.digest()).isEqualTo(digest);
		});
	}

	@Test
	void deletingAManifestRemovesEveryTagThatPointedAtIt() {
		String repository = "alice/gone-" + this.suffix;
		String digest = this.fixture.push("alice", TestImages.BUSYBOX, repository + ":1");
		this.fixture.push("alice", TestImages.BUSYBOX, repository + ":2");
		this.fixture.syncNow();
		int mark = this.events.mark();

		this.registry.deleteManifest(repository, digest);

		assertThat(this.events.since(mark, ImageTagRemoved.class)).containsExactly(
				new ImageTagRemoved("alice", repository, "1"), new ImageTagRemoved("alice", repository, "2"));
		assertThat(this.client.tags(repository)).isEmpty();
		SyncRun after = this.fixture.syncNow();
		assertThat(after.tagsRemoved()).isZero();
		assertThat(this.events.since(mark, ImageTagRemoved.class)).hasSize(2);
		assertThatThrownBy(() -> this.registry.deleteManifest(repository, digest))
			.isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> this.registry.deleteManifest("Alice/app", digest))
			.isInstanceOf(InvalidInputException.class);
	}

	@Test
	void aRegistryThatIsDownFailsTheSyncPublishesNothingAndShowsDownInHealth() throws Exception {
		String repository = "alice/down-" + this.suffix;
		this.fixture.push("alice", TestImages.BUSYBOX, repository + ":1");
		int mark = this.events.mark();
		Http http = new Http(this.port);

		this.testRegistry.registry().stop();
		try {
			SyncRun failed = this.fixture.syncNow();

			assertThat(failed.status()).isEqualTo(SyncRunStatus.FAILED);
			assertThat(failed.error()).contains(this.testRegistry.url()).contains("cannot be reached");
			assertThat(failed.finishedAt()).isNotNull();
			assertThat(this.events.since(mark, ImageTagPushed.class)).isEmpty();
			assertThat(this.events.since(mark, ImageTagRemoved.class)).isEmpty();
			Http.Response health = http.get("/actuator/health", null);
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json().get("components").get("registry").get("status").asString()).isEqualTo("DOWN");
		}
		finally {
			this.testRegistry.registry().restart();
		}

		SyncRun recovered = this.fixture.syncNow();
		assertThat(recovered.status()).isEqualTo(SyncRunStatus.SUCCEEDED);
		assertThat(recovered.tagsAdded()).isEqualTo(1);
		assertThat(this.events.since(mark, ImageTagPushed.class)).extracting(ImageTagPushed::repository)
			.containsExactly(repository);
		assertThat(http.get("/actuator/health", null).json().get("components").get("registry").get("status").asString())
			.isEqualTo("UP");
	}

	/**
	 * That the notification alone brings the push, not how fast: on a busy CI machine a
	 * fixed bound of a few seconds measures the machine. The latency is measured by
	 * {@link PushToCatalogueBenchmark}.
	 */
	@Test
	void aPushReachesTheCatalogueThroughTheRegistrysNotificationAlone() throws Exception {
		String repository = "alice/notified-" + this.suffix;
		this.testRegistry.registry()
			.notifications(this.testRegistry.notificationsUrl(), TestRegistry.NOTIFICATIONS_SECRET);
		try {
			int mark = this.events.mark();

			String digest = this.fixture.push("alice", TestImages.BUSYBOX, repository + ":1");

			// no sync asked for: only the registry's notification can bring it. The bound
			// is generous: on a loaded machine a delivery that took over the endpoint's 2
			// s
			// timeout is retried after the registry's backoff
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(this.events.since(mark, ImageTagPushed.class)).anySatisfy((event) -> {
					assertThat(event.repository()).isEqualTo(repository);
					assertThat(event.digest()).isEqualTo(digest);
				}));
			assertThat(this.registry.lastSync()).hasValueSatisfying((run) -> {
				assertThat(run.trigger()).isEqualTo("notification");
				assertThat(run.requestedBy()).isNull();
			});
		}
		finally {
			this.testRegistry.registry().notifications(null, null);
		}
	}

	/** Pushes a tiny image with the service's own token, as no docker user could. */
	private void pushOverTheApi(String repository, String tag) throws Exception {
		RegistryApi api = new RegistryApi(this.testRegistry.url(), this.minter);
		String token = api.pushToken(repository);
		byte[] layer = RegistryApi.tinyLayer("hello from " + repository);
		String layerDigest = api.upload(repository, layer, token);
		byte[] config = RegistryApi.config("WHO=" + repository, "/hello", layerDigest);
		String configDigest = api.upload(repository, config, token);
		api.putManifest(repository, tag, RegistryApi.manifest(configDigest, config.length, layerDigest, layer.length),
				token);
	}

	/** Config plus layer sizes, read from the manifest by hand. */
	private long manifestSize(String repository, String digest) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create(this.testRegistry.url() + "/v2/" + repository + "/manifests/" + digest))
				.header("Authorization",
						"Bearer " + this.minter.forService(List.of(Access.repository(repository, "pull"))))
				.header("Accept", RegistryApi.MANIFEST_TYPE)
				.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode manifest = JsonMapper.builder().build().readTree(response.body());
		long size = manifest.get("config").get("size").asLong();
		for (JsonNode layer : manifest.get("layers").values()) {
			size += layer.get("size").asLong();
		}
		return size;
	}

}
