package org.whalemountain.workloads.docker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.TestImages;
import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.ContainerEngineContract;
import org.whalemountain.workloads.engine.ContainerNotFoundException;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.EngineBusyException;
import org.whalemountain.workloads.engine.EngineException;
import org.whalemountain.workloads.engine.EngineUnavailableException;
import org.whalemountain.workloads.engine.ExecResult;
import org.whalemountain.workloads.engine.HostPortTakenException;
import org.whalemountain.workloads.engine.ImageNotFoundException;
import org.whalemountain.workloads.engine.PullProgress;
import org.whalemountain.workloads.engine.RegistryCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.DockerCli.docker;

/**
 * The contract against the machine's real dockerd, plus what only Docker has: registries
 * reached by dockerd, the unix socket, security options and mounts as {@code docker
 * inspect} shows them.
 */
class DockerContainerEngineIT extends ContainerEngineContract {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static DockerClient client;

	private static ContainerEngine engine;

	private static DockerClient terminalClient;

	private static DockerClient probeClient;

	private static DockerClient commandClient;

	private static DockerClient unreachableClient;

	private static ContainerEngine unreachable;

	private final List<String> images = new ArrayList<>();

	private TokenRegistry tokenRegistry;

	@BeforeAll
	static void connect() {
		TestImages.busybox();
		DockerProperties properties = DockerProperties.defaults();
		client = DockerClients.create(properties);
		commandClient = DockerClients.forCommands(properties, Duration.ofMinutes(5));
		terminalClient = DockerClients.forTerminals(properties);
		probeClient = DockerClients.forProbes(properties);
		engine = new DockerContainerEngine(
				new DockerContainerEngine.Clients(client, commandClient, terminalClient, probeClient), properties);
		unreachableClient = DockerClients.create(missingSocket());
		unreachable = new DockerContainerEngine(new DockerContainerEngine.Clients(unreachableClient, unreachableClient,
				unreachableClient, unreachableClient), missingSocket());
	}

	@AfterAll
	static void disconnect() throws IOException {
		client.close();
		commandClient.close();
		terminalClient.close();
		probeClient.close();
		unreachableClient.close();
	}

	/**
	 * Also what the engine may have missed: everything labelled with this test's mark.
	 */
	@AfterEach
	void removeLeftoversSeenFromOutside() {
		for (String id : docker("ps", "-aq", "--filter", "label=wm.test=" + this.run).split("\\s+")) {
			if (!id.isBlank()) {
				docker("rm", "-f", id);
			}
		}
		for (String id : docker("network", "ls", "-q", "--filter", "label=wm.test=" + this.run).split("\\s+")) {
			if (!id.isBlank()) {
				docker("network", "rm", id);
			}
		}
		this.images.forEach((image) -> DockerCli.attempt(Map.of(), null, "rmi", "-f", image));
	}

	@AfterEach
	void stopTokenRegistry() throws InterruptedException {
		if (this.tokenRegistry != null) {
			this.tokenRegistry.close();
		}
	}

	@Override
	protected ContainerEngine engine() {
		return engine;
	}

	@Override
	protected String testImage() {
		return TestImages.BUSYBOX;
	}

	@Override
	protected Observed observe(String containerId) {
		JsonNode host = hostConfig(containerId);
		List<String> securityOptions = strings(host.get("SecurityOpt"));
		return new Observed(host.get("Privileged").asBoolean(), securityOptions.contains("no-new-privileges"),
				strings(host.get("CapDrop")), host.get("NanoCpus").asLong(), host.get("Memory").asLong(),
				host.get("PidsLimit").asLong());
	}

	@Override
	protected TokenGuardedImage tokenGuardedImage() {
		this.tokenRegistry = TokenRegistry.start();
		String repository = "wm-test/token-" + this.run;
		String image = this.tokenRegistry.host() + "/" + repository + ":1";
		seed(image);
		this.tokenRegistry.push(image);
		docker("rmi", image);
		String host = this.tokenRegistry.host();
		return new TokenGuardedImage(image, RegistryCredentials.token(host, this.tokenRegistry.pullToken(repository)),
				RegistryCredentials.token(host, this.tokenRegistry.pullToken(repository + "-other")), this.run + "\n");
	}

	@Override
	protected ContainerEngine unreachableEngine() {
		return unreachable;
	}

	@Test
	void pullReportsProgressFromARegistryAndThePulledImageRuns() throws IOException {
		try (LocalRegistry registry = LocalRegistry.open()) {
			String image = pushedImage(registry, null, null);
			List<PullProgress> progress = new CopyOnWriteArrayList<>();

			engine.pull(image, null, progress::add);

			assertThat(progress).anySatisfy((step) -> {
				assertThat(step.layer()).isNotNull();
				assertThat(step.total()).isPositive();
				assertThat(step.current()).isPositive();
			});
			assertThat(progress).extracting(PullProgress::status)
				.contains("Pull complete")
				.anyMatch((status) -> status.startsWith("Status: Downloaded newer image"));
			assertThat(engine.imagePresent(image)).isTrue();
			String id = started(spec("pulled").image(image));
			assertThat(exec(id, "cat", "/marker").stdout()).isEqualTo(this.run + "\n");
		}
	}

	@Test
	void pullSendsTheRegistryCredentials() throws IOException {
		try (LocalRegistry registry = LocalRegistry.withUser("alice", "s3cret-" + this.run)) {
			String image = pushedImage(registry, "alice", "s3cret-" + this.run);

			assertThatThrownBy(() -> engine.pull(image, null, (step) -> {
			})).isInstanceOf(ImageNotFoundException.class).hasMessageContaining("no basic auth credentials");
			assertThatThrownBy(
					() -> engine.pull(image, new RegistryCredentials(registry.address(), "alice", "wrong"), (step) -> {
					}))
				.isInstanceOf(ImageNotFoundException.class);
			assertThat(engine.imagePresent(image)).isFalse();

			engine.pull(image, new RegistryCredentials(registry.address(), "alice", "s3cret-" + this.run), (step) -> {
			});

			assertThat(engine.imagePresent(image)).isTrue();
		}
	}

	@Test
	void anImageIsPresentOnlyUnderANameItHasNeverByItsId() {
		String id = docker("image", "inspect", "--format", "{{.Id}}", testImage()).trim();
		String hex = id.substring("sha256:".length());
		String repository = testImage().substring(0, testImage().indexOf(':'));

		assertThat(engine.imagePresent(testImage())).isTrue();
		assertThat(engine.imagePresent("docker.io/" + testImage())).as("its normalised name").isTrue();
		// docker's inspect finds these by ID; none of them is a name the image has
		assertThat(engine.imagePresent(repository + ":" + hex.substring(0, 12))).as("repo:shortid").isFalse();
		assertThat(engine.imagePresent("docker.io/library/" + hex.substring(0, 12))).as("a prefix as a name").isFalse();
		assertThatThrownBy(() -> engine.imagePresent(id)).as("the ID").isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> engine.imagePresent(hex.substring(0, 4))).as("a prefix")
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void pullOfATagTheRegistryLacksFails() throws IOException {
		try (LocalRegistry registry = LocalRegistry.open()) {
			String missing = registry.address() + "/wm-test/missing-" + this.run + ":1";

			assertThatThrownBy(() -> engine.pull(missing, null, (step) -> {
			})).isInstanceOf(ImageNotFoundException.class).hasMessageContaining("manifest unknown");
		}
	}

	@Test
	void anEngineOnAMissingSocketSaysWhichHostAndToStartDockerd() {
		assertThatThrownBy(() -> unreachableEngine().list(Map.of())).isInstanceOf(EngineUnavailableException.class)
			.hasMessageContaining(missingSocket().host())
			.hasMessageContaining("start dockerd");
	}

	@Test
	void aHostPortHeldByAnotherProcessIsRefused() throws IOException {
		try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThatThrownBy(() -> started(spec("held").port(8080, "127.0.0.1", held.getLocalPort())))
				.isInstanceOf(HostPortTakenException.class)
				.hasMessageContaining("127.0.0.1:" + held.getLocalPort());
		}
	}

	@Test
	void securityOptionsRestartPolicyAndReadOnlyMountsReachDocker(@TempDir Path data) throws IOException {
		Files.writeString(data.resolve("input.txt"), "from the host\n");
		String id = started(
				spec("opts").security(new ContainerSpec.Security(true, false, List.of("seccomp=unconfined")))
					.restart(ContainerSpec.RestartPolicy.UNLESS_STOPPED)
					.mount(data.toString(), "/data", true));

		JsonNode host = hostConfig(id);
		assertThat(strings(host.get("SecurityOpt"))).containsExactly("no-new-privileges", "seccomp=unconfined");
		assertThat(host.get("RestartPolicy").get("Name").asString()).isEqualTo("unless-stopped");
		assertThat(host.get("Binds").isNull() || host.get("Binds").isEmpty()).isTrue();
		assertThat(exec(id, "cat", "/data/input.txt").stdout()).isEqualTo("from the host\n");
		assertThat(exec(id, "touch", "/data/written").exitCode()).isNotZero();
		assertThat(data.resolve("written")).doesNotExist();
	}

	@Test
	void aMountOfAMissingHostPathIsRefusedRatherThanCreated(@TempDir Path data) {
		Path missing = data.resolve("missing");

		assertThatThrownBy(() -> engine.create(spec("nomount").mount(missing.toString(), "/data", false).build()))
			.isInstanceOf(EngineException.class)
			.hasMessageContaining(missing.toString());
		assertThat(missing).doesNotExist();
	}

	@Test
	void networkIsALabelledBridge() {
		String network = network("bridge");

		String id = engine.ensureNetwork(network, Map.of("wm.test", this.run, "owner", "alice"));

		JsonNode inspected = JSON.readTree(docker("network", "inspect", "--format", "{{json .}}", id));
		assertThat(inspected.get("Name").asString()).isEqualTo(network);
		assertThat(inspected.get("Driver").asString()).isEqualTo("bridge");
		assertThat(inspected.get("Labels").get("owner").asString()).isEqualTo("alice");
	}

	@Test
	void copyIntoAMissingDirectoryIsNotAMissingContainer() {
		String id = started(spec("nodir"));

		assertThatThrownBy(() -> engine.copyIn(id, "/no/such/dir", tar(Map.of("x", "y"))))
			.isInstanceOf(EngineException.class)
			.isNotInstanceOf(ContainerNotFoundException.class)
			.hasMessageContaining("/no/such/dir");
	}

	@Test
	void filesCopiedIntoTheContainerOfANamedUserBelongToThatUser() {
		String id = started(spec("named").user("nobody"));

		engine.copyIn(id, "/tmp", tar(Map.of("named.txt", "hers\n")));

		assertThat(exec(id, "stat", "-c", "%U %u", "/tmp/named.txt").stdout()).isEqualTo("nobody 65534\n");
	}

	@Test
	void containersLogToRotatedJsonFiles() {
		String id = started(spec("logs-rotated").command("sh", "-c", "yes rotated | head -c 100000; exec sleep 3600"));

		JsonNode logConfig = hostConfig(id).get("LogConfig");

		assertThat(logConfig.get("Type").asString()).isEqualTo("json-file");
		assertThat(logConfig.get("Config").get("max-size").asString()).isEqualTo("10m");
		assertThat(logConfig.get("Config").get("max-file").asString()).isEqualTo("3");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(engine.logs(id, 1)).contains("rotated"));
	}

	/**
	 * A dockerd that accepts the connection and then hangs must not hang a status answer
	 * for the ordinary calls' response timeout (two minutes).
	 */
	@Test
	void aProbeOfADockerHostThatNeverAnswersGivesUpWithinSeconds() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			DockerProperties hanging = DockerProperties.defaults().withHost("tcp://127.0.0.1:" + silent.getLocalPort());
			try (DockerClient probes = DockerClients.forProbes(hanging)) {
				ContainerEngine hung = new DockerContainerEngine(
						new DockerContainerEngine.Clients(probes, probes, probes, probes), hanging);
				long started = System.nanoTime();

				assertThat(hung.answers()).isFalse();
				assertThat(Duration.ofNanos(System.nanoTime() - started))
					.isLessThan(DockerClients.PROBE_TIMEOUT.plusSeconds(3));
			}
		}
	}

	/**
	 * Commands hold connections of their own: when those are all taken, one more command
	 * fails as busy after the short wait, and ordinary calls go on meanwhile.
	 */
	@Test
	void aCommandBeyondTheCommandConnectionsIsBusyWhileOtherCallsGoOn() throws Exception {
		DockerProperties tight = DockerProperties.defaults()
			.withConnections(new DockerProperties.Connections(2, 1, Duration.ofMillis(500)));
		try (DockerClient calls = DockerClients.create(tight);
				DockerClient commands = DockerClients.forCommands(tight, Duration.ofMinutes(1))) {
			ContainerEngine limited = new DockerContainerEngine(
					new DockerContainerEngine.Clients(calls, commands, terminalClient, probeClient), tight);
			String id = started(spec("busy"));
			CompletableFuture<ExecResult> holding = CompletableFuture
				.supplyAsync(() -> limited.exec(id, List.of("sleep", "8"), Duration.ofSeconds(30), 1024));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> exec(id, "ps", "-o", "args").stdout().contains("sleep 8"));

			long started = System.nanoTime();
			assertThatThrownBy(() -> limited.exec(id, List.of("true"), Duration.ofSeconds(30), 1024))
				.isInstanceOf(EngineBusyException.class)
				.hasMessageContaining("connections");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			for (int i = 0; i < 5; i++) {
				assertThat(limited.list(Map.of("wm.test", this.run))).hasSize(1);
			}
			assertThat(holding.get(30, TimeUnit.SECONDS).exitCode()).isZero();
			assertThat(limited.exec(id, List.of("true"), Duration.ofSeconds(30), 1024).exitCode()).isZero();
		}
	}

	/**
	 * An image that exists only in the registry: a layer with this test's mark on top of
	 * busybox, pushed, then removed here.
	 */
	private String pushedImage(LocalRegistry registry, String user, String password) {
		String image = registry.address() + "/wm-test/pulled-" + this.run + ":1";
		seed(image);
		registry.push(image, user, password);
		docker("rmi", image);
		return image;
	}

	/**
	 * Tags a copy of the test image with this test's mark in /marker as {@code image}.
	 */
	private void seed(String image) {
		this.images.add(image);
		docker("run", "--name", name("seed"), "--label", "wm.test=" + this.run, testImage(), "sh", "-c",
				"echo " + this.run + " > /marker");
		docker("commit", name("seed"), image);
		docker("rm", name("seed"));
	}

	private static JsonNode hostConfig(String containerId) {
		return JSON.readTree(docker("inspect", "--format", "{{json .HostConfig}}", containerId));
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		if (array != null && array.isArray()) {
			array.forEach((value) -> values.add(value.asString()));
		}
		return values;
	}

	private static DockerProperties missingSocket() {
		return DockerProperties.defaults().withHost("unix:///nonexistent/wm-test/docker.sock");
	}

}
