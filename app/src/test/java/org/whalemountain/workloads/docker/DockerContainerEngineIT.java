package org.whalemountain.workloads.docker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.whalemountain.workloads.ContainerEngineContract;
import org.whalemountain.workloads.SpecBuilder;
import org.whalemountain.workloads.TerminalTranscript;
import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.ContainerState;
import org.whalemountain.workloads.engine.Endpoint;
import org.whalemountain.workloads.engine.EngineBusyException;
import org.whalemountain.workloads.engine.EngineException;
import org.whalemountain.workloads.engine.EngineUnavailableException;
import org.whalemountain.workloads.engine.ExecResult;
import org.whalemountain.workloads.engine.HostPortTakenException;
import org.whalemountain.workloads.engine.ImageNotFoundException;
import org.whalemountain.workloads.engine.PullProgress;
import org.whalemountain.workloads.engine.RegistryCredentials;
import org.whalemountain.workloads.engine.StartedContainer;
import org.whalemountain.workloads.engine.TerminalSession;
import org.whalemountain.workloads.engine.VolumeUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.DockerCli.docker;

/**
 * The live contract against the machine's real dockerd, plus what only Docker shows:
 * registries reached by dockerd, the unix socket, the owner's bridge network, security
 * options, limits and mounts as {@code docker inspect} shows them, exec and terminal
 * details of busybox's tools, and the connection pools.
 */
class DockerContainerEngineIT extends ContainerEngineContract {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static DockerClient client;

	private static ContainerEngine engine;

	private static DockerClient terminalClient;

	private static DockerClient probeClient;

	private static DockerClient commandClient;

	private static DockerClient unreachableClient;

	private static ContainerEngine unreachable;

	private final List<String> images = new ArrayList<>();

	private final List<String> networks = new ArrayList<>();

	private TokenRegistry tokenRegistry;

	@BeforeAll
	static void connect() {
		TestImages.busybox();
		DockerProperties properties = DockerProperties.defaults();
		client = DockerClients.create(properties);
		commandClient = DockerClients.forCommands(properties, Duration.ofMinutes(5));
		terminalClient = DockerClients.forTerminals(properties);
		probeClient = DockerClients.forProbes(properties);
		engine = engine(properties, client, commandClient, terminalClient, "");
		unreachableClient = DockerClients.create(missingSocket());
		unreachable = engine(missingSocket(), unreachableClient, unreachableClient, unreachableClient, "");
	}

	static ContainerEngine engine(DockerProperties properties, DockerClient calls, DockerClient commands,
			DockerClient terminals, String homeTemplate) {
		DockerClient probes = (calls == unreachableClient) ? unreachableClient : probeClient;
		return new DockerContainerEngine(new DockerContainerEngine.Clients(calls, commands, terminals, probes),
				properties, DockerHost.of(properties, "127.0.0.1", homeTemplate));
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
	 * Also what the engine may have missed: everything labelled with this test's mark,
	 * and the owners' networks the test made.
	 */
	@AfterEach
	void removeLeftoversSeenFromOutside() {
		for (String id : docker("ps", "-aq", "--filter", "label=wm.test=" + this.run).split("\\s+")) {
			if (!id.isBlank()) {
				docker("rm", "-f", id);
			}
		}
		this.networks.forEach((network) -> DockerCli.attempt(Map.of(), null, "network", "rm", network));
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
	protected ContainerEngine unreachableEngine() {
		return unreachable;
	}

	@Override
	protected String testImage() {
		return TestImages.BUSYBOX;
	}

	/** An image only a registry with token authentication holds. */
	@Override
	protected PullableImage pullableImage() {
		TokenGuardedImage guarded = tokenGuardedImage();
		return new PullableImage(guarded.image(), guarded.token(), guarded.marker());
	}

	/**
	 * @param token a registry token that may pull the image's repository
	 * @param otherRepositoryToken a registry token that may pull another repository only
	 * @param marker the content of the image's {@code /marker}
	 */
	record TokenGuardedImage(String image, RegistryCredentials token, RegistryCredentials otherRepositoryToken,
			String marker) {
	}

	private TokenGuardedImage tokenGuardedImage() {
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

	/** An owner of this test, whose network is removed afterwards. */
	private String owner(String suffix) {
		String owner = "wmtest" + this.run + suffix;
		this.networks.add(org.whalemountain.workloads.engine.EngineLabels.network(owner));
		return owner;
	}

	@Test
	void portPublishedOnLoopbackAnswersOnTheHostPortTheEngineChose() {
		String id = started(spec("web")
			.command("sh", "-c", "echo served-" + this.run + " > /tmp/index.html && exec httpd -f -p 8080 -h /tmp")
			.port(8080, 0));

		List<Endpoint> ports = engine.endpoints(id);

		assertThat(ports).singleElement().satisfies((port) -> assertThat(port.port()).isPositive());
		URI page = URI.create("http://127.0.0.1:" + ports.get(0).port() + "/index.html");
		await().atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(get(page)).isEqualTo("served-" + this.run + "\n"));
	}

	@Test
	void stoppedContainerHasExitedWithItsExitCode() {
		String id = started(spec("stop"));

		engine.stop(id, Duration.ofSeconds(20));

		assertThat(engine.inspect(id).orElseThrow().state()).isEqualTo(ContainerState.STOPPED);
		assertThat(engine.inspect(id).orElseThrow().exitCode()).isZero();
	}

	@Test
	void aContainerThatKeepsExitingIsFailedWithAReason() {
		String id = started(
				spec("crash").command("sh", "-c", "exit 3").lifecycle(ContainerSpec.Lifecycle.KEEP_RUNNING));

		await().atMost(Duration.ofSeconds(30)).until(() -> engine.state(id) == ContainerState.FAILED);
		assertThat(engine.inspect(id).orElseThrow().reason()).contains("keeps exiting");
	}

	@Test
	void execThatOutlivesItsTimeoutHasNoExitCode() {
		String id = started(spec("slow"));
		long began = System.nanoTime();

		ExecResult result = engine.exec(id, List.of("sh", "-c", "echo begun; exec sleep 60"), Duration.ofSeconds(2),
				1024);

		assertThat(result.exitCode()).isNull();
		assertThat(result.stdout()).isEqualTo("begun\n");
		assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(20));
	}

	@Test
	void execOutputBeyondTheLimitIsCutAndMarked() {
		String id = started(spec("chatty"));

		ExecResult result = engine.exec(id,
				List.of("sh", "-c", "yes o | head -c 100000; yes e | head -c 50000 >&2; echo done >&2"), EXEC_TIMEOUT,
				1000);

		assertThat(result.exitCode()).isZero();
		assertThat(result.truncated()).isTrue();
		assertThat(result.stdout()).hasSize(1000).startsWith("o\no\n");
		assertThat(result.stderr()).hasSize(1000).startsWith("e\ne\n");
	}

	/**
	 * The typed line comes back as the terminal's echo; only the shell's run of it joins
	 * the two quoted halves.
	 */
	@Test
	void aTerminalRunsWhatIsTypedAndShowsItsOutput() {
		String id = started(spec("tty"));
		TerminalTranscript transcript = new TerminalTranscript();

		try (TerminalSession terminal = engine.openTerminal(id, List.of("sh"), 80, 24, transcript, transcript)) {
			terminal.write("echo \"tty-\"\"answer\"; tty\n".getBytes(StandardCharsets.UTF_8));

			await().atMost(Duration.ofSeconds(20)).until(() -> transcript.text().contains("tty-answer"));
			await().atMost(Duration.ofSeconds(20)).until(() -> transcript.text().contains("/dev/pts/"));
		}
	}

	@Test
	void aTerminalHasItsSizeAndFollowsAResize() {
		String id = started(spec("size"));
		TerminalTranscript transcript = new TerminalTranscript();

		try (TerminalSession terminal = engine.openTerminal(id, List.of("sh"), 91, 27, transcript, transcript)) {
			terminal.write("stty size\n".getBytes(StandardCharsets.UTF_8));
			await().atMost(Duration.ofSeconds(20)).until(() -> transcript.text().contains("27 91"));

			terminal.resize(123, 45);
			terminal.write("stty size\n".getBytes(StandardCharsets.UTF_8));

			await().atMost(Duration.ofSeconds(20)).until(() -> transcript.text().contains("45 123"));
		}
	}

	@Test
	void closingATerminalEndsItsProcess() {
		String id = started(spec("hangup"));
		TerminalTranscript transcript = new TerminalTranscript();
		TerminalSession terminal = engine.openTerminal(id, List.of("sh", "-c", "echo up; exec sleep 31337"), 80, 24,
				transcript, transcript);
		await().atMost(Duration.ofSeconds(20)).until(() -> transcript.text().contains("up"));
		assertThat(exec(id, "ps", "-o", "args").stdout()).contains("sleep 31337");

		terminal.close();
		terminal.close();

		assertThat(transcript.ended()).isTrue();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(exec(id, "ps", "-o", "args").stdout()).doesNotContain("sleep 31337"));
	}

	@Test
	void filesCopiedInBelongToTheContainersUserWhateverTheTarSays() {
		String id = started(spec("owned").runAs(4321, 4322));

		engine.putFiles(id, "/tmp", tar(Map.of("owned.txt", "mine\n")));

		assertThat(exec(id, "stat", "-c", "%u:%g", "/tmp/owned.txt").stdout()).isEqualTo("4321:4322\n");
		assertThat(exec(id, "sh", "-c", "echo more >> /tmp/owned.txt && cat /tmp/owned.txt").stdout())
			.isEqualTo("mine\nmore\n");
	}

	@Test
	void theSpecsFilesAreReadableByRootOnlyInADirectoryOfTheirOwn() {
		String id = started(spec("secret").file("/etc/wm-test/secret.toml", "token = x\n", 0600));

		assertThat(exec(id, "stat", "-c", "%a %u", "/etc/wm-test", "/etc/wm-test/secret.toml").stdout())
			.isEqualTo("700 0\n600 0\n");
		assertThat(exec(id, "stat", "-c", "%a", "/etc").stdout()).as("the parent is left as it was").isEqualTo("755\n");
	}

	/**
	 * Docker copies stdout and stderr through separate pipes, so lines written to both at
	 * nearly the same moment may be logged in either order; stderr is written here only
	 * once stdout's last line is in the log.
	 */
	@Test
	void logsTailHasTheLastLinesOfStdoutAndStderr() {
		String id = started(spec("logs").command("sh", "-c",
				"for i in 1 2 3 4 5; do echo line$i; done; trap 'exit 0' TERM; sleep 3600 & wait"));
		await().atMost(Duration.ofSeconds(20)).until(() -> engine.logs(id, 100).contains("line5"));

		assertThat(exec(id, "sh", "-c", "echo oops > /proc/1/fd/2").exitCode()).isZero();
		await().atMost(Duration.ofSeconds(20)).until(() -> engine.logs(id, 100).contains("oops"));

		assertThat(engine.logs(id, 100).lines()).containsExactly("line1", "line2", "line3", "line4", "line5", "oops");
		assertThat(engine.logs(id, 2).lines()).containsExactly("line5", "oops");
	}

	@Test
	void limitsAndHardeningAreInForceAndNothingIsPrivileged() {
		String id = started(spec("hard").resources(new ContainerSpec.Resources(500_000_000, 64L << 20, 100))
			.security(new ContainerSpec.Security(true, true, ContainerSpec.SyscallFilter.ENGINE_DEFAULT)));

		JsonNode host = hostConfig(id);
		assertThat(host.get("Privileged").asBoolean()).isFalse();
		assertThat(strings(host.get("SecurityOpt"))).contains("no-new-privileges");
		assertThat(strings(host.get("CapDrop"))).contains("ALL");
		assertThat(host.get("NanoCpus").asLong()).isEqualTo(500_000_000);
		assertThat(host.get("Memory").asLong()).isEqualTo(64L << 20);
		assertThat(host.get("PidsLimit").asLong()).isEqualTo(100);
		String status = exec(id, "cat", "/proc/self/status").stdout();
		assertThat(status).containsPattern("NoNewPrivs:\\s+1").containsPattern("CapEff:\\s+0{16}");
	}

	@Test
	void aContainerWithoutHardeningIsStillNotPrivileged() {
		String id = started(spec("soft")
			.security(new ContainerSpec.Security(false, false, ContainerSpec.SyscallFilter.ENGINE_DEFAULT)));

		JsonNode host = hostConfig(id);
		assertThat(host.get("Privileged").asBoolean()).isFalse();
		assertThat(strings(host.get("SecurityOpt"))).doesNotContain("no-new-privileges");
		assertThat(exec(id, "cat", "/proc/self/status").stdout()).containsPattern("NoNewPrivs:\\s+0");
	}

	@Test
	void userAndCommandComeFromTheSpec() {
		String id = started(spec("user").runAs(65534, 65534));

		assertThat(exec(id, "id", "-u").stdout()).isEqualTo("65534\n");
		assertThat(exec(id, "cat", "/proc/1/cmdline").stdout()).startsWith("sh\0-c\0trap");
	}

	@Test
	void aHostPortTakenByAnotherContainerIsRefused() {
		String first = started(spec("port1").port(8080, 0));
		int taken = engine.endpoints(first).get(0).port();

		assertThatThrownBy(() -> started(spec("port2").port(8080, taken))).isInstanceOf(HostPortTakenException.class)
			.hasMessageContaining(String.valueOf(taken));
	}

	@Test
	void theContainersOfAnOwnerJoinTheOwnersLabelledBridge() {
		String owner = owner("net");

		StartedContainer first = engine.run(spec("member1").owner(owner).build(), null, (progress) -> {
		});
		StartedContainer second = engine.run(spec("member2").owner(owner).build(), null, (progress) -> {
		});

		assertThat(second.networkId()).isEqualTo(first.networkId()).isNotBlank();
		JsonNode inspected = JSON.readTree(docker("network", "inspect", "--format", "{{json .}}", first.networkId()));
		assertThat(inspected.get("Name").asString()).isEqualTo("wm-" + owner);
		assertThat(inspected.get("Driver").asString()).isEqualTo("bridge");
		assertThat(inspected.get("Labels").get("wm.owner").asString()).isEqualTo(owner);
		assertThat(docker("inspect", "--format", "{{json .NetworkSettings.Networks}}", first.id()))
			.contains("wm-" + owner);
	}

	@Test
	void pullWithARegistryTokenForTheRepositoryWorksAndNothingElseDoes() {
		TokenGuardedImage guarded = tokenGuardedImage();
		assertThat(engine.hasImage(guarded.image())).isFalse();

		assertThatThrownBy(() -> engine.run(spec("anon").image(guarded.image()).build(), null, (progress) -> {
		})).as("anonymous").isInstanceOf(ImageNotFoundException.class);
		assertThatThrownBy(() -> engine.run(spec("other").image(guarded.image()).build(),
				guarded.otherRepositoryToken(), (progress) -> {
				}))
			.as("a token for another repository")
			.isInstanceOf(ImageNotFoundException.class);
		assertThat(engine.hasImage(guarded.image())).isFalse();

		String id = engine.run(spec("token-pulled").image(guarded.image()).build(), guarded.token(), (progress) -> {
		}).id();

		assertThat(engine.hasImage(guarded.image())).isTrue();
		assertThat(exec(id, "cat", "/marker").stdout()).isEqualTo(guarded.marker());
	}

	@Test
	void creatingFromAnAbsentImageFails() {
		String absent = "wm-test/absent-" + this.run + ":1";
		DockerFailures failures = new DockerFailures(DockerProperties.defaults().host());

		assertThat(engine.hasImage(testImage())).isTrue();
		assertThatThrownBy(() -> {
			try {
				client.createContainerCmd(absent).withName(name("absent")).exec();
			}
			catch (RuntimeException ex) {
				throw failures.create(name("absent"), absent, ex);
			}
		}).isInstanceOf(ImageNotFoundException.class).hasMessageContaining(absent);
	}

	@Test
	void anUnreachableEngineIsUnavailable() {
		assertThatThrownBy(() -> unreachable.list(Map.of())).isInstanceOf(EngineUnavailableException.class);
		assertThatThrownBy(() -> unreachable.inspect("anything")).isInstanceOf(EngineUnavailableException.class);
		assertThatThrownBy(() -> unreachable.run(spec("never").build(), null, (progress) -> {
		})).isInstanceOf(EngineUnavailableException.class);
		assertThatThrownBy(() -> unreachable.hasImage(testImage())).isInstanceOf(EngineUnavailableException.class);
	}

	@Test
	void pullReportsProgressFromARegistryAndThePulledImageRuns() throws IOException {
		try (LocalRegistry registry = LocalRegistry.open()) {
			String image = pushedImage(registry, null, null);
			List<PullProgress> progress = new CopyOnWriteArrayList<>();

			String id = engine.run(spec("pulled").image(image).build(), null, progress::add).id();

			assertThat(progress).extracting(PullProgress::percent).isSorted().contains(100);
			assertThat(progress).anySatisfy((step) -> assertThat(step.percent()).isBetween(1, 99));
			assertThat(progress.get(progress.size() - 1).message()).startsWith("Status: Downloaded newer image");
			assertThat(engine.hasImage(image)).isTrue();
			assertThat(exec(id, "cat", "/marker").stdout()).isEqualTo(this.run + "\n");
		}
	}

	@Test
	void pullSendsTheRegistryCredentials() throws IOException {
		try (LocalRegistry registry = LocalRegistry.withUser("alice", "s3cret-" + this.run)) {
			String image = pushedImage(registry, "alice", "s3cret-" + this.run);

			assertThatThrownBy(() -> engine.run(spec("anon").image(image).build(), null, (step) -> {
			})).isInstanceOf(ImageNotFoundException.class).hasMessageContaining("no basic auth credentials");
			assertThatThrownBy(() -> engine.run(spec("wrong").image(image).build(),
					new RegistryCredentials(registry.address(), "alice", "wrong"), (step) -> {
					}))
				.isInstanceOf(ImageNotFoundException.class);
			assertThat(engine.hasImage(image)).isFalse();

			engine.run(spec("right").image(image).build(),
					new RegistryCredentials(registry.address(), "alice", "s3cret-" + this.run), (step) -> {
					});

			assertThat(engine.hasImage(image)).isTrue();
		}
	}

	@Test
	void anImageIsPresentOnlyUnderANameItHasNeverByItsId() {
		String id = docker("image", "inspect", "--format", "{{.Id}}", testImage()).trim();
		String hex = id.substring("sha256:".length());
		String repository = testImage().substring(0, testImage().indexOf(':'));

		assertThat(engine.hasImage(testImage())).isTrue();
		assertThat(engine.hasImage("docker.io/" + testImage())).as("its normalised name").isTrue();
		// docker's inspect finds these by ID; none of them is a name the image has
		assertThat(engine.hasImage(repository + ":" + hex.substring(0, 12))).as("repo:shortid").isFalse();
		assertThat(engine.hasImage("docker.io/library/" + hex.substring(0, 12))).as("a prefix as a name").isFalse();
		assertThatThrownBy(() -> engine.hasImage(id)).as("the ID").isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> engine.hasImage(hex.substring(0, 4))).as("a prefix")
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void pullOfATagTheRegistryLacksFails() throws IOException {
		try (LocalRegistry registry = LocalRegistry.open()) {
			String missing = registry.address() + "/wm-test/missing-" + this.run + ":1";

			assertThatThrownBy(() -> engine.run(spec("missing").image(missing).build(), null, (step) -> {
			})).isInstanceOf(ImageNotFoundException.class).hasMessageContaining("manifest unknown");
		}
	}

	@Test
	void anEngineOnAMissingSocketSaysWhichHostAndToStartDockerd() {
		assertThatThrownBy(() -> unreachable.list(Map.of())).isInstanceOf(EngineUnavailableException.class)
			.hasMessageContaining(missingSocket().host())
			.hasMessageContaining("start dockerd");
	}

	@Test
	void aHostPortHeldByAnotherProcessIsRefused() throws IOException {
		try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThatThrownBy(() -> started(spec("held").port(8080, held.getLocalPort())))
				.isInstanceOf(HostPortTakenException.class)
				.hasMessageContaining("127.0.0.1:" + held.getLocalPort());
		}
	}

	/**
	 * The owner's home is a directory of the configured template, made 0700 for the
	 * numbers the container runs as; read-only when the spec says so.
	 */
	@Test
	void securityOptionsRestartPolicyAndTheOwnersHomeReachDocker(@TempDir Path homes) throws IOException {
		ContainerEngine withHomes = engine(DockerProperties.defaults(), client, commandClient, terminalClient,
				homes + "/{user}");
		String owner = owner("home");
		Path home = homes.resolve(owner);
		Files.createDirectories(home);
		Files.writeString(home.resolve("input.txt"), "from the host\n");
		Files.setAttribute(home, "unix:uid", 4321);
		Files.setAttribute(home.resolve("input.txt"), "unix:uid", 4321);

		String id = withHomes.run(spec("opts").owner(owner)
			.runAs(4321, 4321)
			.security(new ContainerSpec.Security(true, false, ContainerSpec.SyscallFilter.UNCONFINED))
			.lifecycle(ContainerSpec.Lifecycle.KEEP_RUNNING)
			.volume(ContainerSpec.VolumeSource.OWNER_HOME, "/data", true)
			.build(), null, (progress) -> {
			}).id();

		JsonNode host = hostConfig(id);
		assertThat(strings(host.get("SecurityOpt"))).containsExactly("no-new-privileges", "seccomp=unconfined");
		assertThat(host.get("RestartPolicy").get("Name").asString()).isEqualTo("unless-stopped");
		assertThat(host.get("Binds").isNull() || host.get("Binds").isEmpty()).isTrue();
		assertThat(exec(id, "cat", "/data/input.txt").stdout()).isEqualTo("from the host\n");
		assertThat(exec(id, "touch", "/data/written").exitCode()).isNotZero();
		assertThat(home.resolve("written")).doesNotExist();
	}

	@Test
	void anOwnerWhoseNameWouldLeaveTheHomeTemplateIsRefusedAndNothingIsMade(@TempDir Path homes) {
		ContainerEngine withHomes = engine(DockerProperties.defaults(), client, commandClient, terminalClient,
				homes + "/{user}");

		assertThatThrownBy(() -> withHomes.run(spec("climb").owner("..")
			.runAs(4321, 4321)
			.volume(ContainerSpec.VolumeSource.OWNER_HOME, "/data", false)
			.build(), null, (progress) -> {
			})).isInstanceOf(VolumeUnavailableException.class);
		assertThat(homes).isEmptyDirectory();
		assertThat(engine.list(Map.of("wm.test", this.run))).isEmpty();
	}

	@Test
	void copyIntoAMissingDirectoryIsNotAMissingContainer() {
		String id = started(spec("nodir"));

		assertThatThrownBy(() -> engine.putFiles(id, "/no/such/dir", tar(Map.of("x", "y"))))
			.isInstanceOf(EngineException.class)
			.isNotInstanceOf(org.whalemountain.workloads.engine.ContainerNotFoundException.class)
			.hasMessageContaining("/no/such/dir");
	}

	@Test
	void filesCopiedIntoTheContainerOfANamedUserBelongToThatUser() {
		String id = started(spec("named").runAs(65534, 65534));

		engine.putFiles(id, "/tmp", tar(Map.of("named.txt", "hers\n")));

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
						new DockerContainerEngine.Clients(probes, probes, probes, probes), hanging,
						DockerHost.of(hanging, "127.0.0.1", ""));
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
			ContainerEngine limited = engine(tight, calls, commands, terminalClient, "");
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

	private static String get(URI uri) throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
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
