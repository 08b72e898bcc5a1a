package org.whalemountain.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The docker CLI as one user of the service: logged in to the registry with a fresh
 * personal access token, in a config directory of its own so that no credential lands in
 * {@code ~/.docker}.
 */
public final class DockerUser {

	private final Map<String, String> environment;

	private DockerUser(Path config) {
		this.environment = Map.of("DOCKER_CONFIG", config.toString());
	}

	/** Creates a token for the user (HTTP Basic) and logs docker in with it. */
	public static DockerUser logIn(Http http, String username, String password, String registryHost, Path dir)
			throws IOException {
		Path config = Files.createDirectories(dir.resolve("docker-" + username));
		String token = http.post("/api/v1/tokens", "{\"name\":\"docker-test\"}", Http.basic(username, password))
			.json()
			.get("token")
			.asString();
		DockerCli.run(Map.of("DOCKER_CONFIG", config.toString()), token, "login", registryHost, "-u", username,
				"--password-stdin");
		return new DockerUser(config);
	}

	/** Runs {@code docker ARGS} as this user; throws if it fails. */
	public String docker(String... args) {
		return DockerCli.run(this.environment, null, args);
	}

	/**
	 * Like {@link #docker(String...)}, for a command that may take up to {@code timeout}.
	 */
	public String docker(java.time.Duration timeout, String... args) {
		DockerCli.Result result = DockerCli.attempt(timeout, this.environment, null, args);
		if (result.exitCode() != 0) {
			throw new IllegalStateException(
					"docker " + String.join(" ", args) + " failed (" + result.exitCode() + "): " + result.stderr());
		}
		return result.stdout();
	}

	/**
	 * Runs {@code docker ARGS} as this user and reports the outcome without judging it.
	 */
	public DockerCli.Result attempt(String... args) {
		return DockerCli.attempt(this.environment, null, args);
	}

}
