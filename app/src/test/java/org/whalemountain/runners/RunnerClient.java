package org.whalemountain.runners;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.whalemountain.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.DockerCli.docker;
import static org.whalemountain.testsupport.Http.basic;

/**
 * The runner API as a user calls it, and what runner tests look at around it: the runner
 * containers on the real dockerd, the {@code config.toml} inside them, and the registry's
 * token endpoint that a job logs in at.
 */
final class RunnerClient {

	private static final Pattern PASSWORD = Pattern.compile("WM_REGISTRY_PASSWORD=(wmr_[A-Za-z0-9_-]+)");

	private final Http http;

	RunnerClient(Http http) {
		this.http = http;
	}

	Http.Response register(String authorization, String json) {
		return this.http.put("/api/v1/runner", json, authorization);
	}

	Http.Response runner(String authorization) {
		return this.http.get("/api/v1/runner", authorization);
	}

	void awaitStatus(String authorization, String status) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(runner(authorization).json().get("status").asString()).isEqualTo(status));
	}

	/**
	 * The status of {@code GET /registry/token} with this password, as
	 * {@code docker login} in a job gets it: 200, or 401 for a password that does not (or
	 * no longer) work.
	 */
	int registryLogin(String username, String password) {
		return this.http
			.get("/registry/token?service=whalemountain-registry&scope=repository:" + username + "/ci:pull,push",
					basic(username, password))
			.status();
	}

	/** Ids of the user's runner containers, running or not. */
	static List<String> containers(String username) {
		String ids = docker("ps", "-aq", "--no-trunc", "--filter", "label=wm.kind=runner", "--filter",
				"label=wm.owner=" + username);
		return ids.isBlank() ? List.of() : List.of(ids.trim().split("\\s+"));
	}

	/** The {@code config.toml} inside the user's runner container. */
	static String configToml(String username) {
		return docker("exec", RunnerContainers.containerName(username), "cat", "/etc/gitlab-runner/config.toml");
	}

	/** The registry password a config hands to jobs, or {@code null} when it has none. */
	static String passwordIn(String configToml) {
		Matcher password = PASSWORD.matcher(configToml);
		return password.find() ? password.group(1) : null;
	}

	static void assertProblem(Http.Response response, int status, String code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.json().get("type").asString()).isEqualTo("/problems/" + code);
	}

}
