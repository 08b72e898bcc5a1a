package org.whalemountain.runners;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.testsupport.ConsoleLogin;
import org.whalemountain.testsupport.GitLabStubs;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.testsupport.Http.basic;

/**
 * Where jobs find the registry password, and that they never run as root: with a personal
 * access token the service puts the password into a masked, protected CI/CD variable of
 * the project (out of the job environment that {@code env} prints); with a {@code glrt-}
 * token it has no way to, keeps it in the runner's environment, and the console says so.
 */
@ServiceTest
class RegistryPasswordPlacementIT {

	private static final String ALICE = basic("alice", "alice-pass");

	private static final String BOB = basic("bob", "bob-pass");

	private static final String VARIABLES = "/api/v4/projects/900/variables";

	private static final Pattern VALUE = Pattern.compile("(?:^|&)value=([^&]*)");

	@LocalServerPort
	int port;

	@Autowired
	WireMockServer gitlabServer;

	@Autowired
	GitLabStubs gitlab;

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
		for (String user : List.of(ALICE, BOB)) {
			this.http.delete("/api/v1/runner", user);
		}
	}

	@Test
	void aPersonalAccessTokenPutsThePasswordIntoAMaskedProtectedVariableInsteadOfTheJobEnvironment() throws Exception {
		bobMayCreateRunners("glpat-bob-maintainer", 501, "glrt-made-for-bob-01");

		Http.Response registered = this.runners.register(BOB,
				"{\"project\":\"course-os/bob-image\",\"personalAccessToken\":\"glpat-bob-maintainer\"}");

		assertThat(registered.status()).as(registered.body()).isEqualTo(200);
		assertThat(registered.json().get("registryPassword").asString()).isEqualTo("PROJECT_VARIABLE");
		this.gitlabServer.verify(1,
				postRequestedFor(urlPathEqualTo(VARIABLES)).withRequestBody(containing("key=WM_REGISTRY_PASSWORD"))
					.withRequestBody(containing("masked=true"))
					.withRequestBody(containing("protected=true")));
		String password = lastValue(postRequestedFor(urlPathEqualTo(VARIABLES)));
		assertThat(password).startsWith("wmr_");
		this.runners.awaitStatus(BOB, "RUNNING");
		String config = RunnerClient.configToml("bob");
		assertThat(config).contains("WM_REGISTRY_USER=bob")
			.doesNotContain("WM_REGISTRY_PASSWORD")
			.doesNotContain(password)
			.contains("user = \"1000:1000\"")
			.contains("allowed_users = [\"1000:1000\"]");
		assertThat(this.runners.registryLogin("bob", password)).isEqualTo(200);
		assertThat(consolePage("bob", "en")).contains("data-place=\"PROJECT_VARIABLE\"")
			.contains("is a masked, protected CI/CD variable of your project");
	}

	@Test
	void registeringAgainReplacesTheVariableAndOnlyTheNewPasswordWorks() {
		bobMayCreateRunners("glpat-bob-maintainer", 501, "glrt-made-for-bob-01");
		this.runners.register(BOB, "{\"project\":\"900\",\"personalAccessToken\":\"glpat-bob-maintainer\"}");
		String first = lastValue(postRequestedFor(urlPathEqualTo(VARIABLES)));
		bobMayCreateRunners("glpat-bob-second-one", 502, "glrt-made-for-bob-02");

		Http.Response again = this.runners.register(BOB,
				"{\"project\":\"900\",\"personalAccessToken\":\"glpat-bob-second-one\"}");

		assertThat(again.status()).as(again.body()).isEqualTo(200);
		String second = lastValue(putRequestedFor(urlPathEqualTo(VARIABLES + "/WM_REGISTRY_PASSWORD"))
			.withRequestBody(containing("masked=true"))
			.withRequestBody(containing("protected=true")));
		assertThat(second).isNotEqualTo(first);
		assertThat(this.runners.registryLogin("bob", first)).isEqualTo(401);
		assertThat(this.runners.registryLogin("bob", second)).isEqualTo(200);
	}

	@Test
	void aRunnerTokenKeepsThePasswordInTheRunnerEnvironmentAndTheConsoleSaysSoInBothLanguages() throws Exception {
		this.gitlab.runnerTokenValid("glrt-alice-runner-0001", 41);

		Http.Response registered = this.runners.register(ALICE,
				"{\"project\":\"course-os/alice-image\",\"runnerToken\":\"glrt-alice-runner-0001\"}");

		assertThat(registered.status()).as(registered.body()).isEqualTo(200);
		assertThat(registered.json().get("registryPassword").asString()).isEqualTo("RUNNER_ENVIRONMENT");
		String config = RunnerClient.configToml("alice");
		String password = RunnerClient.passwordIn(config);
		assertThat(password).startsWith("wmr_");
		assertThat(config).contains("user = \"1000:1000\"").contains("allowed_users = [\"1000:1000\"]");
		assertThat(this.runners.registryLogin("alice", password)).isEqualTo(200);
		this.gitlabServer.verify(0, anyRequestedFor(urlPathMatching(".*/variables.*")));
		assertThat(consolePage("alice", "en")).contains("data-place=\"RUNNER_ENVIRONMENT\"")
			.contains("a job that prints its environment (env) shows it in the job log");
		assertThat(consolePage("alice", "ja")).contains("data-place=\"RUNNER_ENVIRONMENT\"")
			.contains("レジストリのパスワード（WM_REGISTRY_PASSWORD）は Runner の環境変数にあります");
	}

	private void bobMayCreateRunners(String accessToken, long runnerId, String runnerToken) {
		this.gitlab.project(accessToken, "course-os/bob-image", 900);
		this.gitlab.createRunner(accessToken, 900, runnerId, runnerToken);
		this.gitlab.projectVariable(accessToken, 900, "WM_REGISTRY_PASSWORD");
	}

	/** The {@code value} form field of the last request GitLab got that matches. */
	private String lastValue(RequestPatternBuilder requests) {
		List<LoggedRequest> found = this.gitlabServer.findAll(requests);
		assertThat(found).isNotEmpty();
		Matcher value = VALUE.matcher(found.get(found.size() - 1).getBodyAsString());
		assertThat(value.find()).isTrue();
		return URLDecoder.decode(value.group(1), StandardCharsets.UTF_8);
	}

	private String consolePage(String username, String language) throws Exception {
		String cookie = ConsoleLogin.sessionCookie(this.port, username, username + "-pass");
		HttpRequest page = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/runner"))
			.header("Cookie", cookie)
			.header("Accept-Language", language)
			.build();
		return HttpClient.newHttpClient().send(page, HttpResponse.BodyHandlers.ofString()).body();
	}

}
