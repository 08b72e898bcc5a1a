package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerStatus;
import org.whalemountain.workloads.engine.EngineUnavailableException;
import org.whalemountain.workloads.engine.ContainerNotFoundException;
import org.whalemountain.workloads.engine.ContainerNotRunningException;
import org.whalemountain.workloads.engine.ContainerNameTakenException;
import org.whalemountain.workloads.engine.HostPortTakenException;
import org.whalemountain.workloads.engine.ImageNotFoundException;
import org.whalemountain.workloads.engine.RegistryCredentials;
import org.whalemountain.workloads.engine.PullProgress;
import org.whalemountain.workloads.engine.TerminalSession;
import org.whalemountain.workloads.engine.ExecResult;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link ContainerEngine} must do, run against a real engine by each adapter's
 * subclass. Subclasses give the engine, an image with busybox's tools that the engine
 * already has, a way to look at a container from outside the port, and an engine that
 * cannot be reached. Every container and network a test makes carries the label
 * {@code wm.test=<random>} and a name with that random part, and is removed afterwards.
 */
public abstract class ContainerEngineContract {

	/** Exits at once on SIGTERM, so that a graceful stop takes no grace period. */
	protected static final List<String> IDLE = List.of("sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait");

	protected static final Duration EXEC_TIMEOUT = Duration.ofSeconds(30);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** The random part of this test's names and of its {@code wm.test} label. */
	protected final String run = UUID.randomUUID().toString().substring(0, 8);

	private final List<String> networks = new ArrayList<>();

	/** The engine under test, connected to a real daemon or cluster. */
	protected abstract ContainerEngine engine();

	/** An image present on the engine with busybox's applets on its PATH. */
	protected abstract String testImage();

	/** The container as the engine itself shows it, bypassing the port. */
	protected abstract Observed observe(String containerId);

	/** An engine of the same kind that points at nothing. */
	protected abstract ContainerEngine unreachableEngine();

	/**
	 * An image that only a registry with token authentication holds (the engine lacks
	 * it), pushed there for this test and removed from the engine afterwards.
	 */
	protected abstract TokenGuardedImage tokenGuardedImage();

	/**
	 * @param token a registry token that may pull the image's repository
	 * @param otherRepositoryToken a registry token that may pull another repository only
	 * @param marker the content of the image's {@code /marker}
	 */
	public record TokenGuardedImage(String image, RegistryCredentials token, RegistryCredentials otherRepositoryToken,
			String marker) {
	}

	/** What a test checks from outside the port. */
	public record Observed(boolean privileged, boolean noNewPrivileges, List<String> droppedCapabilities, long nanoCpus,
			long memoryBytes, long pidsLimit) {
	}

	@AfterEach
	void removeWhatTheTestMade() {
		for (ContainerInfo container : engine().list(Map.of("wm.test", this.run))) {
			engine().remove(container.id());
		}
		this.networks.forEach(engine()::removeNetwork);
	}

	@Test
	void answersAProbeOnlyWhileTheEngineIsReachable() {
		assertThat(engine().answers()).isTrue();
		assertThat(unreachableEngine().answers()).isFalse();
	}

	@Test
	void startedContainerRunsWithItsLabelsAndEnvironment() {
		ContainerInfo created = engine()
			.inspect(engine().create(spec("env").label("owner", "alice").env("GREETING=hello world").build()))
			.orElseThrow();

		assertThat(created.status()).isEqualTo(ContainerStatus.CREATED);
		assertThat(created.name()).isEqualTo(name("env"));
		assertThat(created.image()).isEqualTo(testImage());
		assertThat(created.labels()).containsEntry("owner", "alice").containsEntry("wm.test", this.run);
		assertThat(created.startedAt()).isNull();
		assertThat(created.exitCode()).isNull();

		engine().start(created.id());
		engine().start(created.id());

		ContainerInfo running = engine().inspect(created.id()).orElseThrow();
		assertThat(running.status()).isEqualTo(ContainerStatus.RUNNING);
		assertThat(running.startedAt()).isNotNull();
		assertThat(running.labels()).isEqualTo(created.labels());
		assertThat(exec(created.id(), "env").stdout()).contains("GREETING=hello world");
	}

	@Test
	void portPublishedOnLoopbackAnswersOnTheHostPortTheEngineChose() {
		String id = started(spec("web")
			.command("sh", "-c", "echo served-" + this.run + " > /tmp/index.html && exec httpd -f -p 8080 -h /tmp")
			.port(8080, "127.0.0.1", 0));

		List<ContainerSpec.PortBinding> ports = engine().inspect(id).orElseThrow().ports();

		assertThat(ports).singleElement().satisfies((port) -> {
			assertThat(port.guestPort()).isEqualTo(8080);
			assertThat(port.hostAddress()).isEqualTo("127.0.0.1");
			assertThat(port.hostPort()).isPositive();
		});
		URI page = URI.create("http://127.0.0.1:" + ports.get(0).hostPort() + "/index.html");
		await().atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(get(page)).isEqualTo("served-" + this.run + "\n"));
	}

	@Test
	void listFindsOnlyContainersCarryingAllTheLabels() {
		String alicesWeb = engine().create(spec("a").label("owner", "alice").label("kind", "web").build());
		engine().create(spec("b").label("owner", "bob").label("kind", "web").build());
		String alicesDb = engine().create(spec("c").label("owner", "alice").label("kind", "db").build());
		engine().start(alicesDb);

		assertThat(engine().list(Map.of("wm.test", this.run, "owner", "alice"))).extracting(ContainerInfo::id)
			.containsExactlyInAnyOrder(alicesWeb, alicesDb);
		assertThat(engine().list(Map.of("wm.test", this.run, "owner", "alice", "kind", "web")))
			.extracting(ContainerInfo::name)
			.containsExactly(name("a"));
		assertThat(engine().list(Map.of("wm.test", this.run, "owner", "carol"))).isEmpty();
	}

	@Test
	void stoppedContainerHasExitedWithItsExitCode() {
		String id = started(spec("stop"));

		engine().stop(id, Duration.ofSeconds(20));
		engine().stop(id, Duration.ofSeconds(20));

		ContainerInfo stopped = engine().inspect(id).orElseThrow();
		assertThat(stopped.status()).isEqualTo(ContainerStatus.EXITED);
		assertThat(stopped.exitCode()).isZero();
	}

	@Test
	void removedContainerIsGoneAndRemovingAgainDoesNothing() {
		String id = started(spec("rm"));

		engine().remove(id);
		engine().remove(id);

		assertThat(engine().inspect(id)).isEmpty();
		assertThat(engine().list(Map.of("wm.test", this.run))).isEmpty();
	}

	@Test
	void execReportsTheExitCodeAndKeepsStdoutAndStderrApart() {
		String id = started(spec("exec"));

		ExecResult result = engine().exec(id, List.of("sh", "-c", "echo out; echo err >&2; exit 3"), EXEC_TIMEOUT,
				1024);

		assertThat(result).isEqualTo(new ExecResult(3, "out\n", "err\n", false));
	}

	@Test
	void execThatOutlivesItsTimeoutHasNoExitCode() {
		String id = started(spec("slow"));
		long began = System.nanoTime();

		ExecResult result = engine().exec(id, List.of("sh", "-c", "echo begun; exec sleep 60"), Duration.ofSeconds(2),
				1024);

		assertThat(result.exitCode()).isNull();
		assertThat(result.stdout()).isEqualTo("begun\n");
		assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(20));
	}

	@Test
	void execOutputBeyondTheLimitIsCutAndMarked() {
		String id = started(spec("chatty"));

		ExecResult result = engine().exec(id,
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

		try (TerminalSession terminal = engine().openTerminal(id, List.of("sh"), 80, 24, transcript, transcript)) {
			terminal.write("echo \"tty-\"\"answer\"; tty\n".getBytes(StandardCharsets.UTF_8));

			await().atMost(Duration.ofSeconds(20)).until(() -> transcript.text().contains("tty-answer"));
			await().atMost(Duration.ofSeconds(20)).until(() -> transcript.text().contains("/dev/pts/"));
		}
	}

	@Test
	void aTerminalHasItsSizeAndFollowsAResize() {
		String id = started(spec("size"));
		TerminalTranscript transcript = new TerminalTranscript();

		try (TerminalSession terminal = engine().openTerminal(id, List.of("sh"), 91, 27, transcript, transcript)) {
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
		TerminalSession terminal = engine().openTerminal(id, List.of("sh", "-c", "echo up; exec sleep 31337"), 80, 24,
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
	void aTerminalWhoseShellExitsReportsItsEnd() {
		String id = started(spec("exit"));
		TerminalTranscript transcript = new TerminalTranscript();

		try (TerminalSession terminal = engine().openTerminal(id, List.of("sh"), 80, 24, transcript, transcript)) {
			terminal.write("exit\n".getBytes(StandardCharsets.UTF_8));

			await().atMost(Duration.ofSeconds(20)).until(transcript::ended);
		}
	}

	@Test
	void aTerminalInAStoppedContainerIsRefusedAsNotRunning() {
		String id = engine().create(spec("stopped").build());
		TerminalTranscript transcript = new TerminalTranscript();

		assertThatThrownBy(() -> engine().openTerminal(id, List.of("sh"), 80, 24, transcript, transcript))
			.isInstanceOf(ContainerNotRunningException.class)
			.hasMessageContaining("not running");
	}

	@Test
	void tarCopiedInCanBeReadInTheContainer() {
		String id = started(spec("copy"));

		engine().copyIn(id, "/tmp", tar(Map.of("upload/hello.txt", "hello from the host\n", "notes.md", "# notes\n")));

		assertThat(exec(id, "cat", "/tmp/upload/hello.txt", "/tmp/notes.md").stdout())
			.isEqualTo("hello from the host\n# notes\n");
	}

	@Test
	void filesCopiedInBelongToTheContainersUserWhateverTheTarSays() {
		String id = started(spec("owned").user("4321:4322"));

		engine().copyIn(id, "/tmp", tar(Map.of("owned.txt", "mine\n")));

		assertThat(exec(id, "stat", "-c", "%u:%g", "/tmp/owned.txt").stdout()).isEqualTo("4321:4322\n");
		assertThat(exec(id, "sh", "-c", "echo more >> /tmp/owned.txt && cat /tmp/owned.txt").stdout())
			.isEqualTo("mine\nmore\n");
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
		await().atMost(Duration.ofSeconds(20)).until(() -> engine().logs(id, 100).contains("line5"));

		assertThat(exec(id, "sh", "-c", "echo oops > /proc/1/fd/2").exitCode()).isZero();
		await().atMost(Duration.ofSeconds(20)).until(() -> engine().logs(id, 100).contains("oops"));

		assertThat(engine().logs(id, 100).lines()).containsExactly("line1", "line2", "line3", "line4", "line5", "oops");
		assertThat(engine().logs(id, 2).lines()).containsExactly("line5", "oops");
	}

	@Test
	void limitsAndHardeningAreInForceAndNothingIsPrivileged() {
		String id = started(spec("hard").resources(new ContainerSpec.Resources(500_000_000, 64L << 20, 100))
			.security(new ContainerSpec.Security(true, true, List.of())));

		Observed observed = observe(id);
		assertThat(observed.privileged()).isFalse();
		assertThat(observed.noNewPrivileges()).isTrue();
		assertThat(observed.droppedCapabilities()).contains("ALL");
		assertThat(observed.nanoCpus()).isEqualTo(500_000_000);
		assertThat(observed.memoryBytes()).isEqualTo(64L << 20);
		assertThat(observed.pidsLimit()).isEqualTo(100);
		String status = exec(id, "cat", "/proc/self/status").stdout();
		assertThat(status).containsPattern("NoNewPrivs:\\s+1").containsPattern("CapEff:\\s+0{16}");
	}

	@Test
	void aContainerWithoutHardeningIsStillNotPrivileged() {
		String id = engine().create(spec("soft").security(new ContainerSpec.Security(false, false, List.of())).build());

		Observed observed = observe(id);
		assertThat(observed.privileged()).isFalse();
		assertThat(observed.noNewPrivileges()).isFalse();
		engine().start(id);
		assertThat(exec(id, "cat", "/proc/self/status").stdout()).containsPattern("NoNewPrivs:\\s+0");
	}

	@Test
	void userAndCommandComeFromTheSpec() {
		String id = started(spec("user").user("65534:65534"));

		assertThat(exec(id, "id", "-u").stdout()).isEqualTo("65534\n");
		assertThat(exec(id, "cat", "/proc/1/cmdline").stdout()).startsWith("sh\0-c\0trap");
	}

	@Test
	void aSecondContainerWithTheSameNameIsRefused() {
		engine().create(spec("twin").build());

		assertThatThrownBy(() -> engine().create(spec("twin").build())).isInstanceOf(ContainerNameTakenException.class)
			.hasMessageContaining(name("twin"));
	}

	@Test
	void aHostPortTakenByAnotherContainerIsRefused() {
		String first = started(spec("port1").port(8080, "127.0.0.1", 0));
		int taken = engine().inspect(first).orElseThrow().ports().get(0).hostPort();

		assertThatThrownBy(() -> started(spec("port2").port(8080, "127.0.0.1", taken)))
			.isInstanceOf(HostPortTakenException.class)
			.hasMessageContaining(String.valueOf(taken));
	}

	@Test
	void ensureNetworkIsIdempotentAndContainersJoinIt() {
		String network = network("net");

		String id = engine().ensureNetwork(network, Map.of("wm.test", this.run));
		assertThat(engine().ensureNetwork(network, Map.of("wm.test", this.run))).isEqualTo(id);

		String container = started(spec("member").network(network));
		assertThat(engine().inspect(container).orElseThrow().networkIds()).containsExactly(id);

		engine().remove(container);
		engine().removeNetwork(network);
		engine().removeNetwork(network);
		assertThat(engine().ensureNetwork(network, Map.of("wm.test", this.run))).isNotEqualTo(id);
	}

	@Test
	void pullingAnImageThatExistsNowhereFails() {
		String nowhere = "127.0.0.1:" + closedPort() + "/wm-test/nowhere-" + this.run + ":1";

		assertThat(engine().imagePresent(nowhere)).isFalse();
		assertThatThrownBy(() -> engine().pull(nowhere, null, (progress) -> {
		})).isInstanceOf(ImageNotFoundException.class).hasMessageContaining(nowhere);
	}

	@Test
	void pullWithARegistryTokenForTheRepositoryWorksAndNothingElseDoes() {
		TokenGuardedImage guarded = tokenGuardedImage();
		assertThat(engine().imagePresent(guarded.image())).isFalse();

		assertThatThrownBy(() -> engine().pull(guarded.image(), null, (progress) -> {
		})).as("anonymous").isInstanceOf(ImageNotFoundException.class);
		assertThatThrownBy(() -> engine().pull(guarded.image(), guarded.otherRepositoryToken(), (progress) -> {
		})).as("a token for another repository").isInstanceOf(ImageNotFoundException.class);
		assertThat(engine().imagePresent(guarded.image())).isFalse();

		List<PullProgress> progress = new ArrayList<>();
		engine().pull(guarded.image(), guarded.token(), progress::add);

		assertThat(progress).isNotEmpty();
		assertThat(engine().imagePresent(guarded.image())).isTrue();
		String id = started(spec("token-pulled").image(guarded.image()));
		assertThat(exec(id, "cat", "/marker").stdout()).isEqualTo(guarded.marker());
	}

	@Test
	void creatingFromAnAbsentImageFails() {
		String absent = "wm-test/absent-" + this.run + ":1";

		assertThat(engine().imagePresent(testImage())).isTrue();
		assertThatThrownBy(() -> engine().create(spec("absent").image(absent).build()))
			.isInstanceOf(ImageNotFoundException.class)
			.hasMessageContaining(absent);
	}

	@Test
	void anUnknownContainerIsNotFound() {
		String unknown = "wm-test-unknown-" + this.run;

		assertThat(engine().inspect(unknown)).isEmpty();
		engine().remove(unknown);
		assertThatThrownBy(() -> engine().start(unknown)).isInstanceOf(ContainerNotFoundException.class);
		assertThatThrownBy(() -> engine().stop(unknown, Duration.ofSeconds(1)))
			.isInstanceOf(ContainerNotFoundException.class);
		assertThatThrownBy(() -> exec(unknown, "true")).isInstanceOf(ContainerNotFoundException.class);
		assertThatThrownBy(() -> engine().logs(unknown, 10)).isInstanceOf(ContainerNotFoundException.class);
		assertThatThrownBy(() -> engine().openTerminal(unknown, List.of("sh"), 80, 24, (bytes) -> {
		}, () -> {
		})).isInstanceOf(ContainerNotFoundException.class);
		assertThatThrownBy(() -> engine().copyIn(unknown, "/tmp", tar(Map.of("x", "y"))))
			.isInstanceOf(ContainerNotFoundException.class);
	}

	@Test
	void anUnreachableEngineIsUnavailable() {
		ContainerEngine unreachable = unreachableEngine();

		assertThatThrownBy(() -> unreachable.list(Map.of())).isInstanceOf(EngineUnavailableException.class);
		assertThatThrownBy(() -> unreachable.inspect("anything")).isInstanceOf(EngineUnavailableException.class);
		assertThatThrownBy(() -> unreachable.create(spec("never").build()))
			.isInstanceOf(EngineUnavailableException.class);
		assertThatThrownBy(() -> unreachable.pull(testImage(), null, (progress) -> {
		})).isInstanceOf(EngineUnavailableException.class);
	}

	/** A spec for a container of this test: named, labelled, idle, hardened. */
	protected SpecBuilder spec(String suffix) {
		return new SpecBuilder(name(suffix), testImage(), IDLE).label("wm.test", this.run);
	}

	protected String name(String suffix) {
		return "wm-test-" + this.run + "-" + suffix;
	}

	/** A network name of this test, removed afterwards. */
	protected String network(String suffix) {
		String name = name(suffix);
		this.networks.add(name);
		return name;
	}

	/** Creates and starts the container; returns its id. */
	protected String started(SpecBuilder spec) {
		String id = engine().create(spec.build());
		engine().start(id);
		return id;
	}

	protected ExecResult exec(String containerId, String... command) {
		return engine().exec(containerId, List.of(command), EXEC_TIMEOUT, 64 * 1024);
	}

	/** A tar of these files (path → content), as a caller would upload it. */
	protected static ByteArrayInputStream tar(Map<String, String> files) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
			for (Map.Entry<String, String> file : files.entrySet()) {
				byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
				TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
				entry.setSize(content.length);
				entry.setMode(0644);
				tar.putArchiveEntry(entry);
				tar.write(content);
				tar.closeArchiveEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ByteArrayInputStream(bytes.toByteArray());
	}

	/** A port on 127.0.0.1 that nothing listens on. */
	protected static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String get(URI uri) throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

}
