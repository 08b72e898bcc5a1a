package org.whalemountain.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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

	/**
	 * Where notifications go when a test does not want them: a port nobody listens on.
	 */
	private static final String NOWHERE = "http://127.0.0.1:9/registry/notifications";

	private final Path dir;

	private final Map<String, String> values;

	private final int port;

	private final Path log;

	private Process process;

	private DistributionRegistry(Path dir, Map<String, String> values, int port) {
		this.dir = dir;
		this.values = values;
		this.port = port;
		this.log = dir.resolve("registry.log");
	}

	/**
	 * Starts a registry with token authentication against {@code realm}, storing under
	 * {@code dir}, and waits until it answers. Its notifications go nowhere.
	 */
	public static DistributionRegistry start(Path dir, String realm, String service, String issuer, Path rootCertBundle)
			throws IOException {
		return start(dir, freePort(), realm, service, issuer, rootCertBundle, NOWHERE, "unused");
	}

	/**
	 * Starts a registry on {@code port} that also posts its push and delete events to
	 * {@code notificationsUrl} with {@code Authorization: Bearer <notificationsSecret>}.
	 */
	public static DistributionRegistry start(Path dir, int port, String realm, String service, String issuer,
			Path rootCertBundle, String notificationsUrl, String notificationsSecret) throws IOException {
		Map<String, String> values = new HashMap<>(Map.of("WM_REGISTRY_STORAGE", dir.resolve("storage").toString(),
				"WM_REGISTRY_LISTEN", "127.0.0.1:" + port, "WM_REGISTRY_REALM", realm, "WM_REGISTRY_SERVICE", service,
				"WM_REGISTRY_ISSUER", issuer, "WM_REGISTRY_ROOTCERTBUNDLE", rootCertBundle.toString()));
		values.put("WM_REGISTRY_NOTIFICATIONS_URL", notificationsUrl);
		values.put("WM_REGISTRY_NOTIFICATIONS_SECRET", notificationsSecret);
		DistributionRegistry registry = new DistributionRegistry(dir, values, port);
		registry.startProcess();
		return registry;
	}

	/**
	 * Restarts the registry (same port and storage) with its notifications going to
	 * {@code url}, or nowhere when {@code url} is {@code null}.
	 */
	public void notifications(String url, String secret) throws IOException, InterruptedException {
		stop();
		this.values.put("WM_REGISTRY_NOTIFICATIONS_URL", (url != null) ? url : NOWHERE);
		this.values.put("WM_REGISTRY_NOTIFICATIONS_SECRET", (url != null) ? secret : "unused");
		startProcess();
	}

	/**
	 * Restarts the registry (same port and storage) sending clients for tokens to
	 * {@code realm}: where the clients of a test reach the service, e.g. jobs in
	 * containers.
	 */
	public void realm(String realm) throws IOException, InterruptedException {
		stop();
		this.values.put("WM_REGISTRY_REALM", realm);
		startProcess();
	}

	/** Stops the process; {@link #restart()} starts it again with the same storage. */
	public void stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	/** Starts the stopped registry again on the same port and storage. */
	public void restart() throws IOException {
		startProcess();
	}

	private void startProcess() throws IOException {
		String config = Files.readString(template());
		for (Map.Entry<String, String> value : this.values.entrySet()) {
			config = config.replace("${" + value.getKey() + "}", value.getValue());
		}
		if (Pattern.compile("\\$\\{WM_REGISTRY_[A-Z_]+}").matcher(config).find()) {
			throw new IllegalStateException("deploy/registry/config.yml has a placeholder the tests do not fill");
		}
		Path file = Files.writeString(this.dir.resolve("config.yml"), config);
		this.process = new ProcessBuilder(BINARY, "serve", file.toString()).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(this::answers);
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
		stop();
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

	/** A TCP port free on 127.0.0.1 right now. */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
