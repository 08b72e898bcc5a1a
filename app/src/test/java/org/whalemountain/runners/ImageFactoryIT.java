package org.whalemountain.runners;

import java.nio.file.Files;
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
	static final String BUILDAH = "whalemountain.local/buildah:bookworm";

	private static final String ALICE = basic("alice", "alice-pass");

	private static final String BOB = basic("bob", "bob-pass");

	private static final String PROJECT = "course-os/alice-app";

	/** Where the job pushes: alice's prefix, then the project's path. */
	private static final String REPOSITORY = "alice/" + PROJECT;

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

	String config;

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
		ServedJob served = aliceRunsTheServedJob();
		DockerExecutorJob job = new DockerExecutorJob(this.config, served);
		String commit = randomHex(20);

		DockerExecutorJob.Result result = job.run(this.project, PROJECT, commit, "main", "main");

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
		ServedJob served = aliceRunsTheServedJob();
		String commit = randomHex(20);
		DockerExecutorJob hostile = new DockerExecutorJob(this.config,
				served.withVariables(Map.of("WM_IMAGE_PREFIX", this.registry.jobHost() + "/bob")));

		DockerExecutorJob.Result result = hostile.run(this.project, PROJECT, commit, "main", "main");

		assertThat(result.exitCode()).as(result.log()).isNotZero();
		// built FROM alice's image (a pull of hers), refused only at the push
		assertThat(result.log()).contains("into " + this.registry.jobHost() + "/bob/" + PROJECT)
			.contains("COMMIT " + this.registry.jobHost() + "/bob/" + PROJECT + ":build")
			.containsIgnoringCase("denied");
		assertThat(this.testRegistry.storage().resolve("docker/registry/v2/repositories/bob/course-os")).doesNotExist();
	}

	/**
	 * Registers alice's runner, pushes a base image to her catalogue, checks out a
	 * project built {@code FROM} it, keeps her runner's {@code config.toml} and returns
	 * the job her served {@code .gitlab-ci.yml} holds.
	 */
	private ServedJob aliceRunsTheServedJob() throws Exception {
		this.gitlab.runnerTokenValid("glrt-alice-factory-01", 61);
		Http.Response registered = this.runners.register(ALICE,
				"{\"project\":\"" + PROJECT + "\",\"runnerToken\":\"glrt-alice-factory-01\"}");
		assertThat(registered.status()).as(registered.body()).isEqualTo(200);
		this.runners.awaitStatus(ALICE, "RUNNING");
		this.config = RunnerClient.configToml("alice");
		CatalogueImages.Pushed base = this.images.push("alice", "alice-pass", "base", "CMD [\"sh\"]", "1");
		Files.writeString(this.project.resolve("greeting.txt"), "built by the factory\n");
		Files.writeString(this.project.resolve("Dockerfile"), "FROM " + this.registry.jobHost() + "/"
				+ base.repository() + ":1\n" + "COPY greeting.txt /srv/greeting.txt\n" + "ENV GREETING=factory\n"
				+ "ENTRYPOINT [\"/bin/sh\", \"-c\", \"cat /srv/greeting.txt; echo \\\"$GREETING\\\"; exec \\\"$@\\\"\", \"entrypoint\"]\n"
				+ "CMD [\"sleep\", \"3600\"]\n");
		return ServedJob.parse(this.http.getAnything("/api/v1/runner/gitlab-ci.yml", ALICE).body(), "build-image");
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
