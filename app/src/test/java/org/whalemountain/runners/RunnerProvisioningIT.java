package org.whalemountain.runners;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.yaml.snakeyaml.Yaml;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.GitLabStubs;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.DockerCli.docker;
import static org.whalemountain.testsupport.Http.basic;

/**
 * Per-user runners on the real dockerd, with GitLab stubbed as its REST docs describe.
 */
@ServiceTest
class RunnerProvisioningIT {

	private static final String ALICE = basic("alice", "alice-pass");

	private static final String BOB = basic("bob", "bob-pass");

	private static final String CAROL = basic("carol", "carol-pass");

	@LocalServerPort
	int port;

	@Autowired
	WireMockServer gitlabServer;

	@Autowired
	GitLabStubs gitlab;

	@Autowired
	RunnerReconciler reconciler;

	@Autowired
	JdbcClient jdbc;

	Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.gitlabServer.resetAll();
		this.gitlab.deleteRunner();
	}

	@AfterEach
	void removeRunners() {
		for (String user : List.of(ALICE, BOB, CAROL)) {
			this.http.delete("/api/v1/runner", user);
		}
	}

	@Test
	void runnerTokenRegistrationStartsAHardenedRunnerOfTheUsersOwn() {
		this.gitlab.runnerTokenValid("glrt-alice-runner-0001", 41);

		Http.Response registered = register(ALICE,
				"{\"project\":\"course-os/alice-image\",\"runnerToken\":\"glrt-alice-runner-0001\"}");

		assertThat(registered.status()).as(registered.body()).isEqualTo(200);
		assertThat(registered.json().get("gitlabRunnerId").asLong()).isEqualTo(41);
		assertThat(registered.body()).doesNotContain("glrt-alice-runner-0001");
		awaitStatus(ALICE, "RUNNING");

		String inspect = docker("inspect", "--format",
				"{{.HostConfig.Privileged}} {{.HostConfig.SecurityOpt}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} "
						+ "{{.HostConfig.RestartPolicy.Name}} {{index .Config.Labels \"wm.owner\"}} {{index .Config.Labels \"wm.kind\"}}",
				"wm-runner-alice");
		assertThat(inspect.trim())
			.isEqualTo("false [no-new-privileges] 536870912 1000000000 unless-stopped alice runner");
		assertThat(docker("inspect", "--format", "{{range .Mounts}}{{.Source}}:{{.Destination}} {{end}}",
				"wm-runner-alice"))
			.contains("/var/run/docker.sock:/var/run/docker.sock");
		String config = docker("exec", "wm-runner-alice", "cat", "/etc/gitlab-runner/config.toml");
		assertThat(config).contains("token = \"glrt-alice-runner-0001\"")
			.contains("network_mode = \"wm-alice\"")
			.contains("WM_IMAGE_PREFIX=");
		assertThat(this.jdbc.sql("SELECT runner_token_sealed FROM runners WHERE username = 'alice'")
			.query(String.class)
			.single()).doesNotContain("glrt-alice-runner-0001");
		assertThat(docker("network", "inspect", "--format", "{{.Driver}}", "wm-alice").trim()).isEqualTo("bridge");
		assertThat(allowedImages(config))
			.contains(ciImage(this.http.getAnything("/api/v1/runner/gitlab-ci.yml", ALICE).body()));
	}

	@SuppressWarnings("unchecked")
	private static String ciImage(String yaml) {
		Map<String, Object> job = (Map<String, Object>) new Yaml().<Map<String, Object>>load(yaml).get("build-image");
		return (String) ((Map<String, Object>) job.get("image")).get("name");
	}

	private static List<Object> allowedImages(String configToml) {
		TomlParseResult toml = Toml.parse(configToml);
		return toml.getArray("runners").getTable(0).getTable("docker").getArray("allowed_images").toList();
	}

	@Test
	void registeringAgainReplacesTheContainer() {
		this.gitlab.runnerTokenValid("glrt-alice-runner-0001", 41);
		this.gitlab.runnerTokenValid("glrt-alice-runner-0002", 42);
		register(ALICE, "{\"project\":\"course-os/alice-image\",\"runnerToken\":\"glrt-alice-runner-0001\"}");
		String first = containerId("alice");

		register(ALICE, "{\"project\":\"course-os/alice-image\",\"runnerToken\":\"glrt-alice-runner-0002\"}");

		assertThat(runnerContainers("alice")).hasSize(1).doesNotContain(first);
		assertThat(docker("exec", "wm-runner-alice", "cat", "/etc/gitlab-runner/config.toml"))
			.contains("glrt-alice-runner-0002");
	}

	@Test
	void personalAccessTokenCreatesTheRunnerInGitLabAndUnregisterDeletesIt() {
		this.gitlab.project("glpat-bob-maintainer", "course-os/bob-image", 900);
		this.gitlab.createRunner("glpat-bob-maintainer", 900, 501, "glrt-made-for-bob-01");
		this.gitlab.projectVariable("glpat-bob-maintainer", 900, "WM_REGISTRY_PASSWORD");

		Http.Response registered = register(BOB,
				"{\"project\":\"course-os/bob-image\",\"personalAccessToken\":\"glpat-bob-maintainer\"}");

		assertThat(registered.status()).isEqualTo(200);
		assertThat(registered.json().get("createdByService").asBoolean()).isTrue();
		awaitStatus(BOB, "RUNNING");
		assertThat(docker("exec", "wm-runner-bob", "cat", "/etc/gitlab-runner/config.toml"))
			.contains("glrt-made-for-bob-01");

		assertThat(this.http.delete("/api/v1/runner", BOB).status()).isEqualTo(204);

		this.gitlabServer.verify(deleteRequestedFor(urlPathEqualTo("/api/v4/runners")).withQueryParam("token",
				equalTo("glrt-made-for-bob-01")));
		assertThat(runnerContainers("bob")).isEmpty();
		assertThat(this.http.get("/api/v1/runner", BOB).status()).isEqualTo(404);
	}

	@Test
	void removingWhileGitLabIsDownChangesNothing() {
		this.gitlab.project("glpat-bob-maintainer", "course-os/bob-image", 900);
		this.gitlab.createRunner("glpat-bob-maintainer", 900, 502, "glrt-made-for-bob-02");
		this.gitlab.projectVariable("glpat-bob-maintainer", 900, "WM_REGISTRY_PASSWORD");
		register(BOB, "{\"project\":\"900\",\"personalAccessToken\":\"glpat-bob-maintainer\"}");
		this.gitlabServer.resetAll();
		this.gitlab.serverError();

		assertProblem(this.http.delete("/api/v1/runner", BOB), 503, "gitlab-unavailable");

		assertThat(runnerContainers("bob")).hasSize(1);
		assertThat(this.http.get("/api/v1/runner", BOB).status()).isEqualTo(200);
		this.gitlabServer.resetAll();
		this.gitlab.deleteRunner();
	}

	@Test
	void badInputAndRejectedTokensChangeNothing() {
		this.gitlab.runnerTokenRejected("glrt-revoked-token-99");

		Http.Response rejected = register(CAROL,
				"{\"project\":\"course-os/x\",\"runnerToken\":\"glrt-revoked-token-99\"}");
		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.json().get("type").asString()).isEqualTo("/problems/gitlab-token-rejected");

		assertProblem(register(CAROL, "{\"project\":\"course-os/x\",\"runnerToken\":\"GR1348941-old-style\"}"), 400,
				"malformed-runner-token");
		assertProblem(register(CAROL, "{\"project\":\"\",\"runnerToken\":\"glrt-revoked-token-99\"}"), 400,
				"invalid-project");
		assertProblem(register(CAROL, "{\"project\":\"course-os/x\"}"), 400, "token-required");
		assertProblem(register(CAROL,
				"{\"project\":\"course-os/x\",\"runnerToken\":\"glrt-aaaaaaaaaa\",\"personalAccessToken\":\"glpat-bbbbbbbb\"}"),
				400, "token-required");
		assertProblem(register(CAROL,
				"{\"gitlabUrl\":\"http://evil.example\",\"project\":\"course-os/x\",\"runnerToken\":\"glrt-aaaaaaaaaa\"}"),
				400, "unknown-gitlab");
		this.gitlab.projectMissing("glpat-carol-token", "course-os/nothing");
		assertProblem(
				register(CAROL, "{\"project\":\"course-os/nothing\",\"personalAccessToken\":\"glpat-carol-token\"}"),
				400, "gitlab-project-not-found");

		assertThat(runnerContainers("carol")).isEmpty();
		assertThat(this.http.get("/api/v1/runner", CAROL).status()).isEqualTo(404);
	}

	@Test
	void gitLabDownIsA503WithARetryHint() {
		this.gitlab.serverError();

		Http.Response down = register(CAROL, "{\"project\":\"course-os/x\",\"runnerToken\":\"glrt-carol-runner-01\"}");

		assertProblem(down, 503, "gitlab-unavailable");
		assertThat(down.json().get("detail").asString()).contains("try again");
		assertThat(runnerContainers("carol")).isEmpty();
	}

	@Test
	void concurrentRegistrationsLeaveOneRunner() throws Exception {
		this.gitlab.runnerTokenValidSlowly("glrt-bob-runner-0001", 61, Duration.ofMillis(1500));
		CountDownLatch go = new CountDownLatch(1);
		List<CompletableFuture<Http.Response>> attempts = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			attempts.add(CompletableFuture.supplyAsync(() -> {
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return register(BOB, "{\"project\":\"course-os/bob-image\",\"runnerToken\":\"glrt-bob-runner-0001\"}");
			}));
		}
		go.countDown();

		List<Integer> statuses = attempts.stream()
			.map(CompletableFuture::join)
			.map(Http.Response::status)
			.sorted()
			.toList();

		assertThat(statuses).containsExactly(200, 409);
		assertThat(runnerContainers("bob")).hasSize(1);
		this.gitlabServer.verify(1, postRequestedFor(urlPathEqualTo("/api/v4/runners/verify")));
	}

	@Test
	void reconciliationRecreatesMissingRunnersAndRemovesOrphans() {
		this.gitlab.runnerTokenValid("glrt-carol-runner-01", 71);
		register(CAROL, "{\"project\":\"course-os/carol-image\",\"runnerToken\":\"glrt-carol-runner-01\"}");
		docker("rm", "-f", "wm-runner-carol");
		String orphan = docker("run", "-d", "--label", "wm.kind=runner", "--label", "wm.owner=nobody-registered",
				TestImages.busybox(), "sleep", "600")
			.trim();

		RunnerReconciler.Result result = this.reconciler.reconcile();

		assertThat(result.removed()).isGreaterThanOrEqualTo(1);
		assertThat(result.recreated()).isGreaterThanOrEqualTo(1);
		assertThat(DockerCli.attempt(Map.of(), null, "inspect", orphan).exitCode()).isNotZero();
		awaitStatus(CAROL, "RUNNING");
		assertThat(docker("exec", "wm-runner-carol", "cat", "/etc/gitlab-runner/config.toml"))
			.contains("glrt-carol-runner-01");
	}

	@Test
	void ciTemplateIsServedAsAYamlAttachment() {
		Http.Response yaml = this.http.getAnything("/api/v1/runner/gitlab-ci.yml", ALICE);

		assertThat(yaml.status()).isEqualTo(200);
		assertThat(yaml.contentType()).startsWith("text/yaml");
		assertThat(yaml.body()).contains("- \"wm-alice\"").contains("buildctl-daemonless.sh");
	}

	private Http.Response register(String user, String json) {
		return this.http.put("/api/v1/runner", json, user);
	}

	private void awaitStatus(String user, String status) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.http.get("/api/v1/runner", user).json().get("status").asString())
				.isEqualTo(status));
	}

	private String containerId(String username) {
		return docker("inspect", "--format", "{{.Id}}", "wm-runner-" + username).trim();
	}

	private static List<String> runnerContainers(String username) {
		String ids = docker("ps", "-aq", "--no-trunc", "--filter", "label=wm.kind=runner", "--filter",
				"label=wm.owner=" + username);
		return ids.isBlank() ? List.of() : List.of(ids.trim().split("\\s+"));
	}

	private static void assertProblem(Http.Response response, int status, String code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.json().get("type").asString()).isEqualTo("/problems/" + code);
	}

}
