package org.whalemountain.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * Debian's real {@code docker-registry} (CNCF Distribution 2.8) on a free 127.0.0.1 port,
 * configured from the repository's own {@code deploy/registry/config.yml}, so that the
 * tests check the configuration that ships. Fails, never skips, when the binary is
 * missing: the test command installs it.
 */
public final class DistributionRegistry implements AutoCloseable {

	private static final String BINARY = System.getenv().getOrDefault("WM_DOCKER_REGISTRY", "/usr/bin/docker-registry");

	private final Process process;

	private final int port;

	private final Path log;

	private DistributionRegistry(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts a registry with token authentication against {@code realm}, storing under
	 * {@code dir}, and waits until it answers.
	 */
	public static DistributionRegistry start(Path dir, String realm, String service, String issuer, Path rootCertBundle)
			throws IOException {
		int port = freePort();
		String config = Files.readString(template());
		for (Map.Entry<String, String> value : Map
			.of("WM_REGISTRY_STORAGE", dir.resolve("storage").toString(), "WM_REGISTRY_LISTEN", "127.0.0.1:" + port,
					"WM_REGISTRY_REALM", realm, "WM_REGISTRY_SERVICE", service, "WM_REGISTRY_ISSUER", issuer,
					"WM_REGISTRY_ROOTCERTBUNDLE", rootCertBundle.toString())
			.entrySet()) {
			config = config.replace("${" + value.getKey() + "}", value.getValue());
		}
		if (Pattern.compile("\\$\\{WM_REGISTRY_[A-Z_]+}").matcher(config).find()) {
			throw new IllegalStateException("deploy/registry/config.yml has a placeholder the tests do not fill");
		}
		Path file = Files.writeString(dir.resolve("config.yml"), config);
		Path log = dir.resolve("registry.log");
		Process process = new ProcessBuilder(BINARY, "serve", file.toString()).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		DistributionRegistry registry = new DistributionRegistry(process, port, log);
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(registry::answers);
		return registry;
	}

	/** {@code 127.0.0.1:PORT}, the name docker uses for it in image references. */
	public String host() {
		return "127.0.0.1:" + this.port;
	}

	public String url() {
		return "http://" + host();
	}

	/** What the registry logged so far, for failure messages. */
	public String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private boolean answers() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("docker-registry exited: " + log());
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException notYet) {
			return false;
		}
	}

	/** The shipped template, found from the module's or the repository's directory. */
	private static Path template() {
		Path here = Path.of("").toAbsolutePath();
		for (Path dir = here; dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve("deploy/registry/config.yml");
			if (Files.isRegularFile(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException("No deploy/registry/config.yml above " + here);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
