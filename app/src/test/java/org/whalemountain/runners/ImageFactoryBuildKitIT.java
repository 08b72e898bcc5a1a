package org.whalemountain.runners;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * The image factory on rootless BuildKit, GitLab's documented recipe, in an unprivileged
 * job container: alice's served BuildKit job ({@code buildctl-daemonless.sh},
 * {@code BUILDKITD_FLAGS=--oci-worker-no-process-sandbox}), run as {@link ImageFactoryIT}
 * runs the Buildah one with the runner's security options, pushes her Dockerfile; its SIF
 * runs the ENTRYPOINT with the ENV; a second push with one changed line takes the
 * unchanged step from the registry cache ({@code <image>:buildcache}), which never
 * reaches the catalogue.
 */
@ServiceTest
@TestPropertySource(properties = { "wm.runners.builder=buildkit",
		"wm.runners.build-image=" + ImageFactoryBuildKitIT.BUILDKIT, "wm.runners.registry-insecure=true" })
class ImageFactoryBuildKitIT {

	/** What {@code scripts/factory build} builds into dockerd. */
	static final String BUILDKIT = "whalemountain.local/buildkit:v0.25.1-rootless-r3";

	private static final String ALICE = FactoryProject.ALICE;

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

	@TempDir
	Path sif;

	Http http;

	CatalogueImages images;

	JobReach jobReach;

	@BeforeEach
	void jobsReachTheRegistryAndTheService() throws Exception {
		assertThat(DockerCli.attempt(Map.of(), null, "image", "inspect", BUILDKIT).exitCode())
			.as("%s is built by scripts/factory build", BUILDKIT)
			.isZero();
		this.http = new Http(this.port, Duration.ofSeconds(30));
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
	void rootlessBuildKitBuildsThePushThatBecomesASifAndTheNextPushReusesItsRegistryCache() throws Exception {
		FactoryProject alice = FactoryProject.checkOut(this.dir, "course-os/alice-buildkit", this.gitlab,
				new RunnerClient(this.http), this.images, this.registry, this.http);
		DockerExecutorJob.Result cold = alice.run("1111aaaa2222bbbb3333", Pipeline.branch("main", "main"));
		assertThat(cold.exitCode()).as(cold.log()).isZero();
		assertThat(step(cold.log(), "COPY greeting.txt /srv/greeting.txt")).doesNotContain("CACHED");

		Map<String, Long> tags = await().atMost(Duration.ofMinutes(2))
			.until(() -> this.images.ids(ALICE, alice.repository()), (found) -> found.containsKey("latest"));
		Path root = SifFiles.unpack(SifFiles.download(this.port, tags.get("latest"), ALICE, this.sif.resolve("i.sif"),
				Duration.ofMinutes(2)), this.sif.resolve("root"));
		assertThat(SifFiles.runscript(root, "echo", "built")).isEqualTo("built by the factory\nfactory\nbuilt\n");

		alice.greeting("factory-again");
		DockerExecutorJob.Result warm = alice.run("4444cccc5555dddd6666", Pipeline.branch("main", "main"));
		assertThat(warm.exitCode()).as(warm.log()).isZero();
		assertThat(step(warm.log(), "COPY greeting.txt /srv/greeting.txt")).contains("CACHED");
		// ENV is no step of its own in BuildKit's log; the changed line shows in the
		// image
		assertThat(pushedDigest(warm.log(), "4444cccc")).isNotEqualTo(pushedDigest(cold.log(), "1111aaaa"));

		assertThat(this.testRegistry.storage()
			.resolve("docker/registry/v2/repositories/" + alice.repository() + "/_manifests/tags/buildcache"))
			.isDirectory();
		await().atMost(Duration.ofMinutes(2))
			.until(() -> this.images.ids(ALICE, alice.repository()).keySet(), (found) -> found.contains("4444cccc"));
		assertThat(catalogue()).filteredOn((image) -> image.startsWith(alice.repository() + ":"))
			.containsExactlyInAnyOrder(alice.repository() + ":latest", alice.repository() + ":1111aaaa",
					alice.repository() + ":4444cccc");
	}

	/**
	 * BuildKit's plain progress of one Dockerfile step: every line of its vertex
	 * ({@code #n [k/m] <instruction>}, then {@code #n …}).
	 */
	private static String step(String log, String instruction) {
		Matcher header = Pattern.compile("(?m)^(#\\d+) \\[\\d+/\\d+\\] " + Pattern.quote(instruction) + "$")
			.matcher(log);
		assertThat(header.find()).as("step %s in%n%s", instruction, log).isTrue();
		String vertex = header.group(1) + " ";
		StringBuilder lines = new StringBuilder();
		for (String line : log.lines().toList()) {
			if (line.startsWith(vertex)) {
				lines.append(line).append('\n');
			}
		}
		return lines.toString();
	}

	/** The manifest digest BuildKit says it pushed for {@code tag}. */
	private static String pushedDigest(String log, String tag) {
		Matcher pushed = Pattern.compile("pushing manifest for \\S+:" + tag + "@(sha256:[0-9a-f]{64})").matcher(log);
		assertThat(pushed.find()).as("a push of %s in%n%s", tag, log).isTrue();
		return pushed.group(1);
	}

	/** Every {@code repository:tag} alice's catalogue lists. */
	private List<String> catalogue() {
		List<String> found = new ArrayList<>();
		for (JsonNode image : this.http.get("/api/v1/images", ALICE).json()) {
			found.add(image.get("repository").asString() + ":" + image.get("tag").asString());
		}
		return found;
	}

}
