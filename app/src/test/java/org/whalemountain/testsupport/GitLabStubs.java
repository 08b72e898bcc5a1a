package org.whalemountain.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * GitLab's REST API as its documentation describes it (runners, user runners, projects,
 * project CI/CD variables), served by WireMock on 127.0.0.1: the one external system that
 * cannot run here.
 */
public final class GitLabStubs {

	private final WireMockServer server;

	public GitLabStubs(WireMockServer server) {
		this.server = server;
	}

	public static WireMockServer server() {
		WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
		server.start();
		return server;
	}

	/** {@code POST /runners/verify} accepts the token (200 with id and token). */
	public void runnerTokenValid(String token, long id) {
		this.server.stubFor(post(urlPathEqualTo("/api/v4/runners/verify")).withRequestBody(containing("token=" + token))
			.willReturn(json(200, "{\"id\":" + id + ",\"token\":\"" + token + "\",\"token_expires_at\":null}")));
	}

	/**
	 * Like {@link #runnerTokenValid} but GitLab takes its time, so that requests overlap.
	 */
	public void runnerTokenValidSlowly(String token, long id, java.time.Duration delay) {
		this.server.stubFor(post(urlPathEqualTo("/api/v4/runners/verify")).withRequestBody(containing("token=" + token))
			.willReturn(json(200, "{\"id\":" + id + ",\"token\":\"" + token + "\",\"token_expires_at\":null}")
				.withFixedDelay((int) delay.toMillis())));
	}

	/** {@code POST /runners/verify} refuses the token (403, as GitLab does). */
	public void runnerTokenRejected(String token) {
		this.server.stubFor(post(urlPathEqualTo("/api/v4/runners/verify")).withRequestBody(containing("token=" + token))
			.willReturn(json(403, "{\"message\":\"403 Forbidden\"}")));
	}

	/** {@code GET /projects/:id} (path URL-encoded) answers for this token. */
	public void project(String accessToken, String path, long id) {
		String body = "{\"id\":" + id + ",\"path_with_namespace\":\"" + path + "\",\"name\":\""
				+ path.substring(path.lastIndexOf('/') + 1) + "\"}";
		this.server.stubFor(get(urlMatching(projectUrl(path))).withHeader("PRIVATE-TOKEN", equalTo(accessToken))
			.willReturn(json(200, body)));
		this.server
			.stubFor(get(urlPathEqualTo("/api/v4/projects/" + id)).withHeader("PRIVATE-TOKEN", equalTo(accessToken))
				.willReturn(json(200, body)));
	}

	public void projectMissing(String accessToken, String path) {
		this.server.stubFor(get(urlMatching(projectUrl(path))).withHeader("PRIVATE-TOKEN", equalTo(accessToken))
			.willReturn(json(404, "{\"message\":\"404 Project Not Found\"}")));
	}

	/** {@code POST /user/runners} creates a project runner (201 with id and token). */
	public void createRunner(String accessToken, long projectId, long runnerId, String runnerToken) {
		this.server
			.stubFor(post(urlPathEqualTo("/api/v4/user/runners")).withHeader("PRIVATE-TOKEN", equalTo(accessToken))
				.withQueryParam("project_id", equalTo(String.valueOf(projectId)))
				.willReturn(json(201,
						"{\"id\":" + runnerId + ",\"token\":\"" + runnerToken + "\",\"token_expires_at\":null}")));
	}

	public void createRunnerForbidden(String accessToken) {
		this.server
			.stubFor(post(urlPathEqualTo("/api/v4/user/runners")).withHeader("PRIVATE-TOKEN", equalTo(accessToken))
				.willReturn(json(403, "{\"message\":\"403 Forbidden - insufficient_scope\"}")));
	}

	/** {@code DELETE /runners} with a token deletes that runner (204). */
	public void deleteRunner() {
		this.server.stubFor(delete(urlPathEqualTo("/api/v4/runners")).willReturn(aResponse().withStatus(204)));
	}

	/**
	 * The project's CI/CD variable {@code key} for this token, as GitLab keeps it: absent
	 * at first ({@code GET} 404), created by {@code POST /projects/:id/variables} (201),
	 * then present ({@code GET} 200) and replaced by {@code PUT} (200), and removed by
	 * {@code DELETE} (204).
	 */
	public void projectVariable(String accessToken, long projectId, String key) {
		String scenario = "variable " + projectId + " " + key;
		String variables = "/api/v4/projects/" + projectId + "/variables";
		String variable = variables + "/" + key;
		String body = "{\"variable_type\":\"env_var\",\"key\":\"" + key
				+ "\",\"protected\":true,\"masked\":true,\"environment_scope\":\"*\"}";
		this.server.stubFor(get(urlPathEqualTo(variable)).withHeader("PRIVATE-TOKEN", equalTo(accessToken))
			.inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(json(404, "{\"message\":\"404 Variable Not Found\"}")));
		this.server.stubFor(post(urlPathEqualTo(variables)).withHeader("PRIVATE-TOKEN", equalTo(accessToken))
			.withRequestBody(containing("key=" + key))
			.inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("present")
			.willReturn(json(201, body)));
		this.server.stubFor(get(urlPathEqualTo(variable)).withHeader("PRIVATE-TOKEN", equalTo(accessToken))
			.inScenario(scenario)
			.whenScenarioStateIs("present")
			.willReturn(json(200, body)));
		this.server.stubFor(put(urlPathEqualTo(variable)).withHeader("PRIVATE-TOKEN", equalTo(accessToken))
			.inScenario(scenario)
			.whenScenarioStateIs("present")
			.willReturn(json(200, body)));
		this.server.stubFor(delete(urlPathEqualTo(variable)).withHeader("PRIVATE-TOKEN", equalTo(accessToken))
			.inScenario(scenario)
			.whenScenarioStateIs("present")
			.willSetStateTo(Scenario.STARTED)
			.willReturn(aResponse().withStatus(204)));
	}

	/**
	 * The token may create runners but not touch CI/CD variables (403, as for a token
	 * with the create_runner scope only).
	 */
	public void projectVariablesForbidden(String accessToken, long projectId) {
		this.server.stubFor(any(urlPathMatching("/api/v4/projects/" + projectId + "/variables(/.*)?"))
			.withHeader("PRIVATE-TOKEN", equalTo(accessToken))
			.willReturn(json(403, "{\"message\":\"403 Forbidden - insufficient_scope\"}")));
	}

	/** Every GitLab call fails with 502, as behind a proxy whose GitLab is down. */
	public void serverError() {
		this.server
			.stubFor(any(urlPathMatching("/api/v4/.*")).willReturn(json(502, "{\"message\":\"502 Bad Gateway\"}")));
	}

	/**
	 * GitLab wants the path URL-encoded ({@code group%2Fname}); clients differ in which
	 * other characters they escape (gitlab4j escapes '-' too), so any of them may come as
	 * itself or as {@code %XX}.
	 */
	private static String projectUrl(String path) {
		StringBuilder regex = new StringBuilder("/api/v4/projects/");
		for (char c : path.toCharArray()) {
			if (Character.isLetterOrDigit(c)) {
				regex.append(c);
			}
			else {
				String hex = String.format("%02X", (int) c);
				regex.append("(?:")
					.append(java.util.regex.Pattern.quote(String.valueOf(c)))
					.append("|%(?i:")
					.append(hex)
					.append("))");
			}
		}
		return regex.append("(\\?.*)?").toString();
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

}
