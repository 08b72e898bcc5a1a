package org.whalemountain.workloads.docker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.whalemountain.testsupport.DockerCli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real CNCF Distribution registry (Debian's {@code docker-registry}) on a free
 * 127.0.0.1 port, storing into a temp directory, optionally behind htpasswd
 * authentication. dockerd treats 127.0.0.0/8 registries as insecure, so plain HTTP works.
 */
public final class LocalRegistry implements AutoCloseable {

	private static final String BINARY = System.getenv().getOrDefault("WM_DOCKER_REGISTRY", "/usr/bin/docker-registry");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Path directory;

	private final Process process;

	private final String address;

	private LocalRegistry(Path directory, Process process, String address) {
		this.directory = directory;
		this.process = process;
		this.address = address;
	}

	/** Anyone may push and pull. */
	public static LocalRegistry open() {
		return start(null, null);
	}

	/** Only this user may push and pull. */
	public static LocalRegistry withUser(String user, String password) {
		return start(user, password);
	}

	private static LocalRegistry start(String user, String password) {
		try {
			Path directory = Files.createTempDirectory("wm-registry");
			String address = "127.0.0.1:" + freePort();
			String auth = "";
			if (user != null) {
				Files.writeString(directory.resolve("htpasswd"),
						user + ":" + new BCryptPasswordEncoder().encode(password) + "\n");
				auth = "auth:\n  htpasswd:\n    realm: wm-test\n    path: " + directory.resolve("htpasswd") + "\n";
			}
			Path config = Files.writeString(directory.resolve("config.yml"),
					"version: 0.1\nlog:\n  level: warn\n" + "storage:\n  filesystem:\n    rootdirectory: "
							+ directory.resolve("data") + "\n" + "http:\n  addr: " + address + "\n" + auth);
			Process process = new ProcessBuilder(BINARY, "serve", config.toString()).redirectErrorStream(true)
				.redirectOutput(directory.resolve("registry.log").toFile())
				.start();
			LocalRegistry registry = new LocalRegistry(directory, process, address);
			registry.awaitReady();
			return registry;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + BINARY, ex);
		}
	}

	/** {@code 127.0.0.1:port}, the registry part of an image reference. */
	public String address() {
		return this.address;
	}

	/**
	 * Pushes a local image to this registry with the docker CLI, logged in as the user if
	 * given, with its own CLI configuration so no credentials linger.
	 */
	public void push(String image, String user, String password) {
		Map<String, String> environment = Map.of("DOCKER_CONFIG", this.directory.resolve("cli").toString());
		if (user != null) {
			DockerCli.run(environment, password, "login", "--username", user, "--password-stdin", this.address);
		}
		DockerCli.run(environment, null, "push", image);
	}

	private void awaitReady() {
		URI base = URI.create("http://" + this.address + "/v2/");
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
			assertThat(this.process.isAlive()).as("docker-registry is running").isTrue();
			int status = HTTP.send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
			assertThat(status).isIn(200, 401);
		});
	}

	@Override
	public void close() throws IOException {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
