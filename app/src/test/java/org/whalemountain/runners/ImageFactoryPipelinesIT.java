package org.whalemountain.runners;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.whalemountain.registry.Registry;
import org.whalemountain.registry.SyncRun;
import org.whalemountain.testsupport.CatalogueImages;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.GitLabStubs;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.JobReach;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestRegistry;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * alice's served Buildah job over several pipelines, run as {@link ImageFactoryIT} runs
 * it: a second push with one changed line takes the unchanged steps from the registry
 * build cache (each job container starts with empty vfs storage, so nothing else could
 * hold them) and the cache never reaches the catalogue; only the default branch moves
 * {@code latest}, other branches and tags push {@code <ref slug>-<short SHA>}, and a
 * merge-request pipeline gets no job at all.
 */
@ServiceTest
@TestPropertySource(properties = { "wm.runners.builder=buildah", "wm.runners.build-image=" + ImageFactoryIT.BUILDAH,
		"wm.runners.registry-insecure=true" })
class ImageFactoryPipelinesIT {

	private static final String ALICE = FactoryProject.ALICE;

	/** Buildah's log of one {@code STEP n/m: …} up to the next step or the commit. */
	private static final String STEP = "(?s).*STEP \\d+/\\d+: %s\\n(.*?)(?:STEP \\d+/\\d+|COMMIT ).*";

	@LocalServerPort
	int port;

	@Autowired
	WireMockServer gitlabServer;

	@Autowired
	GitLabStubs gitlab;

	@Autowired
	TestRegistry testRegistry;

	@Autowired
	Registry registry;

	@TempDir
	Path dir;

	Http http;

	RunnerClient runners;

	CatalogueImages images;

	JobReach jobReach;

	@BeforeEach
	void jobsReachTheRegistryAndTheService() throws Exception {
		assertThat(DockerCli.attempt(Map.of(), null, "image", "inspect", ImageFactoryIT.BUILDAH).exitCode())
			.as("%s is built by scripts/factory buildah, which the test command runs", ImageFactoryIT.BUILDAH)
			.isZero();
		this.http = new Http(this.port, Duration.ofSeconds(30));
		this.runners = new RunnerClient(this.http);
		this.images = new CatalogueImages(this.http, this.registry);
		this.gitlabServer.resetAll();
		this.gitlab.deleteRunner();
		this.jobReach = JobReach.open(this.testRegistry, this.port);
	}

	@AfterEach
	void restore() throws Exception {
		this.http.delete("/api/v1/runner", ALICE);
		this.images.close();
		this.jobReach.close();
	}

	@Test
	void aSecondPushWithOneChangedLineReusesTheRegistryBuildCacheWhichStaysOutOfTheCatalogue() throws Exception {
		FactoryProject alice = checkOut("course-os/alice-cached");
		String first = randomHex(20);
		DockerExecutorJob.Result cold = alice.run(first, Pipeline.branch("main", "main"));
		assertThat(cold.exitCode()).as(cold.log()).isZero();
		// the base is new to this test: nothing can come from a cache yet
		assertThat(cold.log()).as(cold.log()).doesNotContain("Using cache").contains("--> Pushing cache");

		alice.greeting("factory-again");
		String second = randomHex(20);
		DockerExecutorJob.Result warm = alice.run(second, Pipeline.branch("main", "main"));

		assertThat(warm.exitCode()).as(warm.log()).isZero();
		String cache = this.registry.jobHost() + "/" + alice.repository() + "--buildcache:";
		assertThat(step(warm.log(), "COPY greeting.txt /srv/greeting.txt"))
			.contains("--> Cache pulled from remote " + cache)
			.contains("--> Using cache ");
		assertThat(step(warm.log(), "ENV GREETING=factory-again")).doesNotContain("Using cache");
		assertThat(this.testRegistry.storage()
			.resolve("docker/registry/v2/repositories/" + alice.repository() + "--buildcache")).isDirectory();
		await().atMost(Duration.ofMinutes(2))
			.until(() -> this.images.ids(ALICE, alice.repository()).keySet(),
					(tags) -> tags.containsAll(List.of("latest", first.substring(0, 8), second.substring(0, 8))));
		SyncRun full = syncNow();
		assertThat(full.skipped()).noneMatch((skipped) -> skipped.contains("alice-cached"));
		assertThat(catalogue()).filteredOn((image) -> image.startsWith(alice.repository()))
			.containsExactlyInAnyOrder(alice.repository() + ":latest", alice.repository() + ":" + first.substring(0, 8),
					alice.repository() + ":" + second.substring(0, 8));
	}

	@Test
	void onlyTheDefaultBranchMovesLatestOtherRefsPushSlugAndShortShaAndMergeRequestsGetNoJob() throws Exception {
		FactoryProject alice = checkOut("course-os/alice-branches");
		String commit = randomHex(20);
		String shortSha = commit.substring(0, 8);

		assertThat(alice.run(commit, Pipeline.mergeRequest("feature/Login", "main")).created()).isFalse();
		DockerExecutorJob.Result branch = alice.run(commit, Pipeline.branch("feature/Login", "main"));
		assertThat(branch.exitCode()).as(branch.log()).isZero();
		DockerExecutorJob.Result tag = alice.run(commit, Pipeline.tag("v1.0", "main"));
		assertThat(tag.exitCode()).as(tag.log()).isZero();

		Map<String, Long> tags = await().atMost(Duration.ofMinutes(2))
			.until(() -> this.images.ids(ALICE, alice.repository()),
					(found) -> found.keySet().containsAll(List.of("feature-login-" + shortSha, "v1-0-" + shortSha)));
		syncNow();
		assertThat(this.images.ids(ALICE, alice.repository())).as("no latest from a branch or a tag")
			.containsOnlyKeys(tags.keySet())
			.containsOnlyKeys("feature-login-" + shortSha, "v1-0-" + shortSha);
	}

	private FactoryProject checkOut(String path) throws Exception {
		return FactoryProject.checkOut(this.dir, path, this.gitlab, this.runners, this.images, this.registry,
				this.http);
	}

	/** A full sync, finished: whatever the notifications missed is in by now. */
	private SyncRun syncNow() {
		String id = this.registry.requestSync("manual", "alice").id();
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> this.registry.syncRun(id), (run) -> !run.status().inProgress());
	}

	/** Every {@code repository:tag} alice's catalogue lists. */
	private List<String> catalogue() {
		List<String> images = new ArrayList<>();
		for (JsonNode image : this.http.get("/api/v1/images", ALICE).json()) {
			images.add(image.get("repository").asString() + ":" + image.get("tag").asString());
		}
		return images;
	}

	private static String step(String log, String instruction) {
		Matcher matcher = Pattern.compile(STEP.formatted(Pattern.quote(instruction))).matcher(log);
		assertThat(matcher.matches()).as("step %s in%n%s", instruction, log).isTrue();
		return matcher.group(1);
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
