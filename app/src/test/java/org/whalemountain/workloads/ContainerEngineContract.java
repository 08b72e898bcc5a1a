package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerNameTakenException;
import org.whalemountain.workloads.engine.ContainerNotFoundException;
import org.whalemountain.workloads.engine.ContainerNotRunningException;
import org.whalemountain.workloads.engine.ContainerState;
import org.whalemountain.workloads.engine.Endpoint;
import org.whalemountain.workloads.engine.ExecResult;
import org.whalemountain.workloads.engine.HostPortTakenException;
import org.whalemountain.workloads.engine.ImageNotFoundException;
import org.whalemountain.workloads.engine.PullProgress;
import org.whalemountain.workloads.engine.RegistryCredentials;
import org.whalemountain.workloads.engine.StartedContainer;
import org.whalemountain.workloads.engine.TerminalSession;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The live behaviour every {@link ContainerEngine} must show, as spring-cloud-deployer
 * runs one suite against each deployer: run, reach an endpoint on 127.0.0.1, exec, put
 * files, logs, a terminal, stop and start, remove, list by labels, pending while pulling
 * then running, and failed with a reason for an image that cannot be pulled. Run by each
 * real adapter against its daemon and by {@code FakeContainerEngine} in memory, so that
 * the fake the fast tests use behaves as the engines do. The guest side keeps to a few
 * shell words ({@code echo}, {@code cat}, {@code env}, {@code exit}, {@code >&2}) that a
 * fake can play. Every container a test makes carries {@code wm.test=<random>} and a name
 * with that random part, and is removed afterwards.
 */
public abstract class ContainerEngineContract {

	/** Exits at once on SIGTERM, so that a graceful stop takes no grace period. */
	protected static final List<String> IDLE = List.of("sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait");

	protected static final Duration EXEC_TIMEOUT = Duration.ofSeconds(30);

	protected static final Duration WAIT = Duration.ofSeconds(30);

	/** The random part of this test's names and of its {@code wm.test} label. */
	protected final String run = UUID.randomUUID().toString().substring(0, 8);

	/** The engine under test. */
	protected abstract ContainerEngine engine();

	/** An engine of the same kind that cannot be reached. */
	protected abstract ContainerEngine unreachableEngine();

	/**
	 * An image present on the engine with busybox's applets ({@code sh}, {@code cat},
	 * {@code httpd}) on its PATH.
	 */
	protected abstract String testImage();

	/**
	 * An image the engine lacks and can pull with the credentials, holding
	 * {@code /marker}.
	 */
	protected abstract PullableImage pullableImage();

	/**
	 * @param credentials what the registry wants, or {@code null}
	 * @param marker the content of the image's {@code /marker}
	 */
	public record PullableImage(String image, RegistryCredentials credentials, String marker) {
	}

	@AfterEach
	void removeWhatTheTestMade() {
		for (ContainerInfo container : engine().list(Map.of("wm.test", this.run))) {
			engine().remove(container.id());
		}
	}

	@Test
	void answersAProbeOnlyWhileTheEngineIsReachable() {
		assertThat(engine().answers()).isTrue();
		assertThat(unreachableEngine().answers()).isFalse();
	}

	@Test
	void aRunContainerIsRunningWithItsNameLabelsAndEnvironment() {
		String id = started(spec("env").label("owner", "alice").env("GREETING=hello world"));

		ContainerInfo running = engine().inspect(id).orElseThrow();
		assertThat(running.state()).isEqualTo(ContainerState.RUNNING);
		assertThat(engine().state(id)).isEqualTo(ContainerState.RUNNING);
		assertThat(running.name()).isEqualTo(name("env"));
		assertThat(running.labels()).containsEntry("owner", "alice").containsEntry("wm.test", this.run);
		assertThat(running.startedAt()).isNotNull();
		assertThat(exec(id, "env").stdout()).contains("GREETING=hello world");
	}

	@Test
	void anEndpointOfAGuestPortIsReachableOn127001() {
		String id = started(spec("web")
			.command("sh", "-c", "echo served-" + this.run + " > /tmp/index.html && exec httpd -f -p 8080 -h /tmp")
			.port(8080, 0));

		List<Endpoint> endpoints = engine().endpoints(id);

		assertThat(endpoints).singleElement().satisfies((endpoint) -> {
			assertThat(endpoint.guestPort()).isEqualTo(8080);
			assertThat(endpoint.host()).isEqualTo("127.0.0.1");
			assertThat(endpoint.port()).isPositive();
		});
		await().atMost(WAIT).ignoreExceptions().until(() -> connects(reachablePort(id, endpoints.get(0))));
	}

	@Test
	void aPublicPortHeldByAnotherProcessIsRefusedAndNothingIsLeft() throws Exception {
		try (HeldPort held = holdPublicPort()) {
			assertThatThrownBy(() -> started(spec("held").port(8080, held.port())))
				.isInstanceOf(HostPortTakenException.class)
				.hasMessageContaining(String.valueOf(held.port()));
		}
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
	void filesPutIntoTheContainerCanBeRead() {
		String id = started(spec("copy"));

		engine().putFiles(id, "/tmp",
				tar(Map.of("upload/hello.txt", "hello from the host\n", "notes.md", "# notes\n")));

		assertThat(exec(id, "cat", "/tmp/upload/hello.txt", "/tmp/notes.md").stdout())
			.isEqualTo("hello from the host\n# notes\n");
	}

	@Test
	void theSpecsFilesAreInPlaceWhenTheContainerRuns() {
		String id = started(spec("seeded").file("/etc/wm-test/seeded.conf", "token = " + this.run + "\n", 0600));

		assertThat(exec(id, "cat", "/etc/wm-test/seeded.conf").stdout()).isEqualTo("token = " + this.run + "\n");
	}

	@Test
	void logsTailHasTheLastLinesTheProcessWrote() {
		String id = started(spec("logs").command("sh", "-c",
				"echo line1; echo line2; echo line3; trap 'exit 0' TERM; sleep 3600 & wait"));

		await().atMost(WAIT).until(() -> engine().logs(id, 100).contains("line3"));
		assertThat(engine().logs(id, 100).lines()).containsExactly("line1", "line2", "line3");
		assertThat(engine().logs(id, 1).lines()).containsExactly("line3");
	}

	@Test
	void aTerminalRunsWhatIsTypedAndEndsWithTheShell() {
		String id = started(spec("tty"));
		TerminalTranscript transcript = new TerminalTranscript();

		try (TerminalSession terminal = engine().openTerminal(id, List.of("sh"), 80, 24, transcript, transcript)) {
			terminal.write("echo tty-answer\n".getBytes(StandardCharsets.UTF_8));
			await().atMost(WAIT).until(() -> transcript.text().contains("tty-answer"));

			terminal.write("exit\n".getBytes(StandardCharsets.UTF_8));
			await().atMost(WAIT).until(transcript::ended);
		}
	}

	@Test
	void aStoppedContainerIsStoppedRefusesTerminalsAndRunsAgainWhenStarted() {
		String id = started(spec("stop"));

		engine().stop(id, Duration.ofSeconds(20));
		engine().stop(id, Duration.ofSeconds(20));

		assertThat(engine().state(id)).isEqualTo(ContainerState.STOPPED);
		TerminalTranscript transcript = new TerminalTranscript();
		assertThatThrownBy(() -> engine().openTerminal(id, List.of("sh"), 80, 24, transcript, transcript))
			.isInstanceOf(ContainerNotRunningException.class);

		engine().start(id);
		engine().start(id);

		assertThat(engine().state(id)).isEqualTo(ContainerState.RUNNING);
		assertThat(exec(id, "echo", "again").stdout()).isEqualTo("again\n");
	}

	@Test
	void aRemovedContainerIsGoneAndRemovingAgainDoesNothing() {
		String id = started(spec("rm"));

		engine().remove(id);
		engine().remove(id);

		assertThat(engine().inspect(id)).isEmpty();
		assertThat(engine().state(id)).isEqualTo(ContainerState.GONE);
		assertThat(engine().list(Map.of("wm.test", this.run))).isEmpty();
	}

	@Test
	void listFindsOnlyContainersCarryingAllTheLabels() {
		String alicesWeb = started(spec("a").label("owner", "alice").label("kind", "web"));
		started(spec("b").label("owner", "bob").label("kind", "web"));
		String alicesDb = started(spec("c").label("owner", "alice").label("kind", "db"));
		engine().stop(alicesDb, Duration.ofSeconds(20));

		assertThat(engine().list(Map.of("wm.test", this.run, "owner", "alice"))).extracting(ContainerInfo::id)
			.containsExactlyInAnyOrder(alicesWeb, alicesDb);
		assertThat(engine().list(Map.of("wm.test", this.run, "owner", "alice", "kind", "web")))
			.extracting(ContainerInfo::name)
			.containsExactly(name("a"));
		assertThat(engine().list(Map.of("wm.test", this.run, "owner", "carol"))).isEmpty();
	}

	@Test
	void aSecondContainerWithTheSameNameIsRefused() {
		started(spec("twin"));

		assertThatThrownBy(() -> started(spec("twin"))).isInstanceOf(ContainerNameTakenException.class)
			.hasMessageContaining(name("twin"));
	}

	/**
	 * While the engine pulls the container is pending with the pull's progress, which
	 * only grows and ends at 100; then it runs from the pulled image.
	 */
	@Test
	void anImageTheEngineLacksIsPulledWithProgressWhilePendingThenRuns() {
		PullableImage pullable = pullableImage();
		assertThat(engine().hasImage(pullable.image())).isFalse();
		List<PullProgress> progress = new CopyOnWriteArrayList<>();

		StartedContainer started = engine().run(spec("pulled").image(pullable.image()).build(), pullable.credentials(),
				progress::add);

		assertThat(progress).isNotEmpty();
		assertThat(progress).extracting(PullProgress::percent).isSorted().allMatch((p) -> p >= 0 && p <= 100);
		assertThat(progress.get(progress.size() - 1).percent()).isEqualTo(100);
		await().atMost(WAIT).until(() -> engine().state(started.id()) == ContainerState.RUNNING);
		if (knowsItsImages()) {
			assertThat(engine().hasImage(pullable.image())).isTrue();
		}
		assertThat(exec(started.id(), "cat", "/marker").stdout()).isEqualTo(pullable.marker());
	}

	/**
	 * A caller that no longer wants the container calls the run off at the pull's end.
	 */
	@Test
	void aRunCalledOffWhenThePullEndsLeavesNothing() {
		PullableImage pullable = pullableImage();
		IllegalStateException calledOff = new IllegalStateException("deleted meanwhile");

		assertThatThrownBy(() -> engine().run(spec("called-off").image(pullable.image()).build(),
				pullable.credentials(), (progress) -> {
					if (progress.percent() == 100) {
						throw calledOff;
					}
				}))
			.isSameAs(calledOff);
		assertThat(engine().list(Map.of("wm.test", this.run))).isEmpty();
	}

	/**
	 * An engine either refuses the run (nothing is left) or makes a container that ends
	 * failed; either way the reason says the image could not be had.
	 */
	@Test
	void anImageThatCannotBePulledFailsWithAReason() {
		String nowhere = "127.0.0.1:" + closedPort() + "/wm-test/nowhere-" + this.run + ":1";

		Throwable refused = catchThrowable(() -> {
			StartedContainer started = engine().run(spec("nowhere").image(nowhere).build(), null, (progress) -> {
			});
			await().atMost(WAIT).until(() -> engine().state(started.id()) == ContainerState.FAILED);
			assertThat(engine().inspect(started.id()).orElseThrow().reason()).isNotBlank();
		});

		if (refused != null) {
			assertThat(refused).isInstanceOf(ImageNotFoundException.class).hasMessageContaining(nowhere);
			assertThat(((ImageNotFoundException) refused).problem()).isNotNull();
			assertThat(engine().list(Map.of("wm.test", this.run))).isEmpty();
		}
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
		assertThatThrownBy(() -> engine().putFiles(unknown, "/tmp", tar(Map.of("x", "y"))))
			.isInstanceOf(ContainerNotFoundException.class);
	}

	/**
	 * A public port that something other than this container holds, so that a run asking
	 * for it must be refused: on a Docker host another process's listening socket.
	 */
	protected HeldPort holdPublicPort() throws IOException {
		ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		return new HeldPort() {

			@Override
			public int port() {
				return socket.getLocalPort();
			}

			@Override
			public void close() throws IOException {
				socket.close();
			}

		};
	}

	/** A public port held for the length of a test. */
	protected interface HeldPort extends AutoCloseable {

		int port();

	}

	/**
	 * Whether {@link ContainerEngine#hasImage} surely answers {@code true} for an image
	 * it just pulled; the port allows a mere hint.
	 */
	protected boolean knowsItsImages() {
		return true;
	}

	/**
	 * A port on 127.0.0.1 through which the test reaches the endpoint: the endpoint's own
	 * port on an engine that publishes ports on this machine.
	 */
	protected int reachablePort(String containerId, Endpoint endpoint) {
		return endpoint.port();
	}

	/** A spec for a container of this test: named, labelled, idle, hardened. */
	protected SpecBuilder spec(String suffix) {
		return new SpecBuilder(name(suffix), testImage(), IDLE).label("wm.test", this.run);
	}

	protected String name(String suffix) {
		return "wm-test-" + this.run + "-" + suffix;
	}

	/** Runs the container from an image the engine has; returns its id. */
	protected String started(SpecBuilder spec) {
		return engine().run(spec.build(), null, (progress) -> {
		}).id();
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

	private static boolean connects(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
			return true;
		}
	}

}
