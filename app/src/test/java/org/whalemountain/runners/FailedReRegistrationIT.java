package org.whalemountain.runners;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.testsupport.GitLabStubs;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.runners.RunnerClient.assertProblem;
import static org.whalemountain.testsupport.Http.basic;

/**
 * A re-registration that fails after GitLab said yes leaves the previous runner working:
 * its row, its registry credential, its GitLab runner and a container made from them. The
 * new container failing to start is played by the stand-in runner, which exits at once
 * for a {@code glrt-crash…} token; GitLab refusing by a token that may create runners but
 * not set CI/CD variables.
 */
@ServiceTest
class FailedReRegistrationIT {

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
	JdbcClient jdbc;

	Http http;

	RunnerClient runners;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.runners = new RunnerClient(this.http);
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
	void aNewRunnerThatFailsToStartLeavesThePreviousOneWorking() {
		this.gitlab.runnerTokenValid("glrt-alice-runner-0001", 41);
		this.gitlab.runnerTokenValid("glrt-crash-alice-0002", 42);
		assertThat(this.runners
			.register(ALICE, "{\"project\":\"course-os/alice-image\",\"runnerToken\":\"glrt-alice-runner-0001\"}")
			.status()).isEqualTo(200);
		this.runners.awaitStatus(ALICE, "RUNNING");
		Map<String, Object> before = row("alice");
		String password = RunnerClient.passwordIn(RunnerClient.configToml("alice"));

		Http.Response failed = this.runners.register(ALICE,
				"{\"project\":\"course-os/other-image\",\"runnerToken\":\"glrt-crash-alice-0002\"}");

		assertProblem(failed, 503, "runner-start-failed");
		// the exit code only when docker has not restarted the container yet
		assertThat(failed.json().get("detail").asString()).contains("right after it started").doesNotContain("glrt-");
		assertThat(row("alice")).isEqualTo(before);
		Http.Response runner = this.runners.runner(ALICE);
		assertThat(runner.json().get("project").asString()).isEqualTo("course-os/alice-image");
		assertThat(runner.json().get("gitlabRunnerId").asLong()).isEqualTo(41);
		this.runners.awaitStatus(ALICE, "RUNNING");
		assertThat(RunnerClient.containers("alice")).hasSize(1);
		String config = RunnerClient.configToml("alice");
		assertThat(config).contains("glrt-alice-runner-0001").doesNotContain("glrt-crash");
		assertThat(RunnerClient.passwordIn(config)).isEqualTo(password);
		assertThat(this.runners.registryLogin("alice", password)).isEqualTo(200);
	}

	@Test
	void aFirstRunnerThatFailsToStartLeavesNothingBehind() {
		this.gitlab.project("glpat-carol-maintainer", "course-os/carol-image", 910);
		this.gitlab.createRunner("glpat-carol-maintainer", 910, 601, "glrt-crash-made-for-carol");
		this.gitlab.projectVariable("glpat-carol-maintainer", 910, "WM_REGISTRY_PASSWORD");
		this.jdbc.sql("DELETE FROM registry_runner_credentials WHERE username = 'carol'").update();

		Http.Response failed = this.runners.register(CAROL,
				"{\"project\":\"course-os/carol-image\",\"personalAccessToken\":\"glpat-carol-maintainer\"}");

		assertProblem(failed, 503, "runner-start-failed");
		assertThat(this.runners.runner(CAROL).status()).isEqualTo(404);
		assertThat(RunnerClient.containers("carol")).isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM registry_runner_credentials WHERE username = 'carol'")
			.query(Long.class)
			.single()).isZero();
		this.gitlabServer.verify(deleteRequestedFor(urlPathEqualTo("/api/v4/runners")).withQueryParam("token",
				equalTo("glrt-crash-made-for-carol")));
		this.gitlabServer
			.verify(deleteRequestedFor(urlPathEqualTo("/api/v4/projects/910/variables/WM_REGISTRY_PASSWORD")));
	}

	@Test
	void gitLabRefusingTheVariableLeavesThePreviousRunnerAndItsContainerUntouched() {
		this.gitlab.project("glpat-bob-maintainer", "course-os/bob-image", 900);
		this.gitlab.createRunner("glpat-bob-maintainer", 900, 501, "glrt-made-for-bob-01");
		this.gitlab.projectVariable("glpat-bob-maintainer", 900, "WM_REGISTRY_PASSWORD");
		assertThat(this.runners.register(BOB, "{\"project\":\"900\",\"personalAccessToken\":\"glpat-bob-maintainer\"}")
			.status()).isEqualTo(200);
		this.runners.awaitStatus(BOB, "RUNNING");
		Map<String, Object> before = row("bob");
		String container = RunnerClient.containers("bob").get(0);
		this.gitlab.createRunner("glpat-bob-runner-only", 901, 502, "glrt-made-for-bob-02");
		this.gitlab.projectVariablesForbidden("glpat-bob-runner-only", 901);

		Http.Response refused = this.runners.register(BOB,
				"{\"project\":\"901\",\"personalAccessToken\":\"glpat-bob-runner-only\"}");

		assertProblem(refused, 400, "gitlab-token-rejected");
		assertThat(refused.json().get("detail").asString()).contains("api scope");
		assertThat(row("bob")).isEqualTo(before);
		assertThat(RunnerClient.containers("bob")).containsExactly(container);
		this.runners.awaitStatus(BOB, "RUNNING");
		assertThat(this.runners.runner(BOB).json().get("gitlabRunnerId").asLong()).isEqualTo(501);
		// the runner created for the failed attempt is gone; the previous one and its
		// variable are untouched
		this.gitlabServer.verify(deleteRequestedFor(urlPathEqualTo("/api/v4/runners")).withQueryParam("token",
				equalTo("glrt-made-for-bob-02")));
		this.gitlabServer.verify(0, deleteRequestedFor(urlPathEqualTo("/api/v4/runners")).withQueryParam("token",
				equalTo("glrt-made-for-bob-01")));
		this.gitlabServer.verify(0, putRequestedFor(urlPathMatching("/api/v4/projects/900/variables/.*")));
	}

	/**
	 * Everything the row says about the runner except its container, which may be new.
	 */
	private Map<String, Object> row(String username) {
		return this.jdbc.sql("""
				SELECT r.project, r.gitlab_runner_id, r.runner_token_sealed, r.registry_credential_sealed,
				  r.credential_project_id, c.credential_hash
				FROM runners r JOIN registry_runner_credentials c ON c.username = r.username
				WHERE r.username = ?""").param(username).query().singleRow();
	}

}
