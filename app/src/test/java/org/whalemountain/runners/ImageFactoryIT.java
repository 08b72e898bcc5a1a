package org.whalemountain.runners;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.whalemountain.registry.Registry;
import org.whalemountain.testsupport.CatalogueImages;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.GitLabStubs;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.JobReach;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.SifFiles;
import org.whalemountain.testsupport.TestRegistry;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.Http.basic;

/**
 * The image factory end to end: alice's runner as the service configures it, the
 * {@code .gitlab-ci.yml} it serves her (the Buildah variant), run by
 * {@link DockerExecutorJob} in the locally built Buildah image on her network, builds a
 * pushed Dockerfile {@code FROM} one of her catalogue images, pushes it with the runner's
 * credential, and the registry's notification brings it into her catalogue; its SIF runs
 * the ENTRYPOINT with the ENV, and once alice shares it bob launches it. The registry and
 * the service listen on 127.0.0.1; jobs reach them through the bridge gateway, as the
 * default {@code wm.registry.job-host} ({@code host.docker.internal}) says.
 */
@ServiceTest
@TestPropertySource(properties = { "wm.runners.builder=buildah", "wm.runners.build-image=" + ImageFactoryIT.BUILDAH,
		"wm.runners.registry-insecure=true" })
class ImageFactoryIT {

	/** What {@code scripts/factory buildah} imports into dockerd. */
	static final String BUILDAH = "whalemountain.local/buildah:bookworm-r3";

	private static final String ALICE = FactoryProject.ALICE;

	private static final String BOB = basic("bob", "bob-pass");

	private static final String PROJECT = FactoryProject.PROJECT;

	private static final String REPOSITORY = FactoryProject.REPOSITORY;

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
	Path project;

	Http http;

	RunnerClient runners;

	CatalogueImages images;

	JobReach jobReach;

	@BeforeEach
	void jobsReachTheRegistryAndTheService() throws Exception {
		assertThat(DockerCli.attempt(Map.of(), null, "image", "inspect", BUILDAH).exitCode())
			.as("%s is built by scripts/factory buildah, which the test command runs", BUILDAH)
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
		for (JsonNode container : this.http.get("/api/v1/containers", BOB).json()) {
			this.http.delete("/api/v1/containers/" + container.get("id").asLong(), BOB);
		}
		DockerCli.attempt(Map.of(), null, "rmi", "-f", this.registry.host() + "/" + REPOSITORY + ":latest");
		this.images.close();
		this.jobReach.close();
	}

	@Test
	void aPushedDockerfileIsBuiltByTheServedJobReachesTheCatalogueBecomesASifAndIsLaunchedOnceShared()
			throws Exception {
		FactoryProject alice = checkOut();
		String commit = randomHex(20);

		DockerExecutorJob.Result result = alice.run(commit, Pipeline.branch("main", "main"));

		assertThat(result.exitCode()).as(result.log()).isZero();
		String shortSha = commit.substring(0, 8);
		// no sync is asked for: only the registry's notification can bring it in
		Map<String, Long> tags = await().atMost(Duration.ofMinutes(2))
			.until(() -> this.images.ids(ALICE, REPOSITORY),
					(found) -> found.keySet().containsAll(List.of("latest", shortSha)));
		assertThat(tags).containsOnlyKeys("latest", shortSha);

		Path root = SifFiles.unpack(SifFiles.download(this.port, tags.get("latest"), ALICE,
				this.project.resolve("image.sif"), Duration.ofMinutes(2)), this.project.resolve("root"));
		assertThat(SifFiles.execute(root, "printf '%s' \"$GREETING\"")).isEqualTo("factory");
		assertThat(SifFiles.runscript(root, "echo", "and its arguments"))
			.isEqualTo("built by the factory\nfactory\nand its arguments\n");

		String reference = this.registry.host() + "/" + REPOSITORY + ":latest";
		assertThat(launch(BOB, reference).status()).as("private to alice").isEqualTo(404);
		assertThat(
				this.http.patch("/api/v1/images/" + tags.get("latest"), "{\"visibility\":\"PUBLIC\"}", ALICE).status())
			.isEqualTo(200);
		Http.Response launched = launch(BOB, reference);
		assertThat(launched.status()).as(launched.body()).isEqualTo(201);
		String container = "/api/v1/containers/" + launched.json().get("id").asLong();
		await().atMost(Duration.ofMinutes(1))
			.until(() -> this.http.get(container, BOB).json().get("status").asString(), "running"::equals);
		String id = DockerCli.docker("ps", "-q", "--filter", "label=wm.owner=bob", "--filter", "ancestor=" + reference)
			.trim();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(DockerCli.docker("logs", id)).isEqualTo("built by the factory\nfactory\n"));
	}

	@Test
	void aJobThatPushesOutsideItsUsersNamespaceIsRefused() throws Exception {
		FactoryProject alice = checkOut();
		String commit = randomHex(20);
		ServedJob hostile = alice.job().withVariables(Map.of("WM_IMAGE_PREFIX", this.registry.jobHost() + "/bob"));

		DockerExecutorJob.Result result = alice.run(hostile, commit, Pipeline.branch("main", "main"));

		assertThat(result.exitCode()).as(result.log()).isNotZero();
		// built FROM alice's image (a pull of hers), refused at its first push into bob's
		// namespace: the build cache of the first step
		assertThat(result.log()).contains("into " + this.registry.jobHost() + "/bob/" + PROJECT)
			.contains("STEP 2/5: COPY greeting.txt")
			.contains("--> Pushing cache " + this.registry.jobHost() + "/bob/" + PROJECT + "--buildcache:")
			.containsIgnoringCase("denied");
		assertThat(this.testRegistry.storage().resolve("docker/registry/v2/repositories/bob/course-os")).doesNotExist();
	}

	private FactoryProject checkOut() throws Exception {
		return FactoryProject.checkOut(this.project, this.gitlab, this.runners, this.images, this.registry, this.http);
	}

	private Http.Response launch(String user, String image) {
		return this.http.post("/api/v1/containers",
				"{\"name\": \"factory-%s\", \"image\": \"%s\"}".formatted(randomHex(3), image), user);
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
