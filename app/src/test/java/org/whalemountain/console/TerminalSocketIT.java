package org.whalemountain.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.testsupport.ConsoleLogin;
import org.whalemountain.testsupport.MutableClock;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TerminalClient;
import org.whalemountain.testsupport.TestImages;
import org.whalemountain.workloads.ContainerView;
import org.whalemountain.workloads.LaunchRequest;
import org.whalemountain.workloads.Workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's terminal WebSocket with a plain Java client carrying a logged-in console
 * session, against a real shell in a container on the real dockerd.
 */
@ServiceTest
class TerminalSocketIT {

	static final Duration WAIT = Duration.ofSeconds(30);

	/** Exits at once on SIGTERM, so that deleting the container takes no grace period. */
	static final List<String> IDLE = List.of("sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait");

	@LocalServerPort
	int port;

	@Autowired
	Workloads workloads;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	final List<TerminalClient> clients = new ArrayList<>();

	final List<ContainerView> launched = new ArrayList<>();

	String origin;

	@BeforeEach
	void setUp() {
		TestImages.busybox();
		this.origin = "http://127.0.0.1:" + this.port;
	}

	@AfterEach
	void cleanUp() {
		this.clients.forEach(TerminalClient::close);
		this.clock.reset();
		this.launched.forEach((container) -> this.workloads.delete("alice", container.id(), "127.0.0.1"));
	}

	@Test
	void theOwnerGetsAShellThatRunsWhatIsTypedAndFollowsResizes() {
		ContainerView container = launch();
		TerminalClient terminal = open(container, "alice", "?cols=100&rows=30");
		await().atMost(WAIT).until(() -> terminal.controls().contains("{\"type\":\"connected\"}"));

		terminal.type("stty size; echo \"wm\"\"-ok\"\n");
		await().atMost(WAIT).until(() -> terminal.output().contains("wm-ok"));
		assertThat(terminal.output()).contains("30 100");

		terminal.control("{\"type\":\"resize\",\"cols\":132,\"rows\":43}");
		terminal.type("stty size\n");
		await().atMost(WAIT).until(() -> terminal.output().contains("43 132"));

		terminal.close();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(audit(container)).anySatisfy((row) -> assertThat(row).startsWith(
					"container.terminal.close alice 127.0.0.1 id=" + container.id() + ", end=closed, duration=PT")));
		assertThat(audit(container)).contains("container.terminal.open alice 127.0.0.1 id=" + container.id());
		assertThat(String.join("\n", audit(container))).doesNotContain("stty").doesNotContain("wm-ok");
	}

	@Test
	void anotherUsersContainerAndAnUnknownOneAreNotFound() {
		ContainerView container = launch();
		String carol = ConsoleLogin.sessionCookie(this.port, "carol", "carol-pass");

		assertThat(TerminalClient.refusedStatus(this.port, socketPath(container.id()), carol, this.origin))
			.isEqualTo(404);
		assertThat(TerminalClient.refusedStatus(this.port, socketPath(999_999_999L), carol, this.origin))
			.isEqualTo(404);
		assertThat(audit(container)).noneMatch((row) -> row.startsWith("container.terminal"));
	}

	@Test
	void withoutALoggedInSessionOrFromAnotherOriginTheHandshakeIsRefused() {
		ContainerView container = launch();
		String alice = ConsoleLogin.sessionCookie(this.port, "alice", "alice-pass");

		assertThat(TerminalClient.refusedStatus(this.port, socketPath(container.id()), null, this.origin))
			.isBetween(300, 401);
		assertThat(
				TerminalClient.refusedStatus(this.port, socketPath(container.id()), "JSESSIONID=forged", this.origin))
			.isBetween(300, 401);
		assertThat(TerminalClient.refusedStatus(this.port, socketPath(container.id()), alice,
				"http://evil.example:" + this.port))
			.isEqualTo(403);
		assertThat(audit(container)).noneMatch((row) -> row.startsWith("container.terminal"));
	}

	@Test
	void aStoppedContainerGetsAClearMessageAndTheSocketCloses() {
		ContainerView container = launch();
		this.workloads.stop("alice", container.id(), "127.0.0.1");

		TerminalClient terminal = open(container, "alice", "");

		await().atMost(WAIT).until(() -> terminal.closeCode() != null);
		assertThat(terminal.closeCode()).isEqualTo(TerminalSocketSender.REFUSED);
		assertThat(terminal.closeReason()).isEqualTo("container-not-running");
		assertThat(terminal.controls()).singleElement()
			.asString()
			.contains("\"code\":\"container-not-running\"")
			.contains("start it first");
	}

	@Test
	void aTerminalWithoutInputOrOutputIsClosedAfterTheIdleTimeout() {
		ContainerView container = launch();
		TerminalClient terminal = open(container, "alice", "");
		await().atMost(WAIT).until(() -> terminal.controls().contains("{\"type\":\"connected\"}"));
		terminal.type("echo before-idle\n");
		await().atMost(WAIT).until(() -> terminal.output().contains("before-idle"));
		assertThat(terminal.closeCode()).isNull();

		this.clock.advance(Duration.ofMinutes(16));

		await().atMost(WAIT).until(() -> terminal.closeCode() != null);
		assertThat(terminal.closeCode()).isEqualTo(TerminalSocketSender.ENDED);
		assertThat(terminal.closeReason()).isEqualTo("idle");
		assertThat(terminal.controls()).anySatisfy((message) -> assertThat(message).contains("\"reason\":\"idle\""));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(audit(container)).anySatisfy((row) -> assertThat(row).startsWith(
					"container.terminal.close alice 127.0.0.1 id=" + container.id() + ", end=idle, duration=PT")));
	}

	/**
	 * Lines, so that the terminal's line buffer fills and stops taking input, as it does
	 * for any shell that does not read.
	 */
	@Test
	void aClientSendingOnIntoAShellThatDoesNotReadIsCutOffWithItsOwnCloseCode() {
		ContainerView container = launch();
		TerminalClient terminal = open(container, "alice", "");
		await().atMost(WAIT).until(() -> terminal.controls().contains("{\"type\":\"connected\"}"));
		terminal.type("stty -echo; echo no\"\"w-sleeping; exec sleep 3600\n");
		await().atMost(WAIT).until(() -> terminal.output().contains("now-sleeping"));

		byte[] lines = ("y".repeat(63) + "\n").repeat(64).getBytes(StandardCharsets.US_ASCII);
		long limit = 64L << 20;
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		long sent = 0;
		while (terminal.closeCode() == null && sent < limit && System.nanoTime() < deadline
				&& terminal.trySend(lines)) {
			sent += lines.length;
		}

		await().atMost(WAIT).until(() -> terminal.closeCode() != null);
		assertThat(terminal.closeCode()).isEqualTo(TerminalSocketSender.FLOODED);
		assertThat(terminal.closeReason()).isEqualTo("flooded");
		assertThat(sent).as("bytes sent before the cut").isGreaterThan(256 * 1024).isLessThan(16L << 20);
		assertThat(terminal.controls()).anySatisfy((message) -> assertThat(message).contains("\"reason\":\"flooded\""));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(audit(container)).anySatisfy((row) -> assertThat(row).startsWith(
					"container.terminal.close alice 127.0.0.1 id=" + container.id() + ", end=flooded, duration=PT")));
	}

	/**
	 * Echo is off and the shell sleeps: what is typed shows nothing, and a client that
	 * keeps typing does not keep the terminal open.
	 */
	@Test
	void inputThatShowsNothingDoesNotKeepATerminalOpen() {
		ContainerView container = launch();
		TerminalClient terminal = open(container, "alice", "");
		await().atMost(WAIT).until(() -> terminal.controls().contains("{\"type\":\"connected\"}"));
		terminal.type("stty -echo; echo qu\"\"iet; exec sleep 3600\n");
		await().atMost(WAIT).until(() -> terminal.output().contains("quiet"));

		for (int minutes = 0; minutes < 20; minutes += 5) {
			terminal.type("still here\n");
			this.clock.advance(Duration.ofMinutes(5));
		}

		await().atMost(WAIT).until(() -> terminal.closeCode() != null);
		assertThat(terminal.closeCode()).isEqualTo(TerminalSocketSender.ENDED);
		assertThat(terminal.closeReason()).isEqualTo("idle");
	}

	@Test
	void loggingOutEndsTheSessionsTerminals() {
		ContainerView container = launch();
		String cookie = ConsoleLogin.sessionCookie(this.port, "alice", "alice-pass");
		TerminalClient terminal = TerminalClient.connect(this.port, socketPath(container.id()), cookie, this.origin);
		this.clients.add(terminal);
		TerminalClient other = open(container, "alice", "");
		await().atMost(WAIT).until(() -> terminal.controls().contains("{\"type\":\"connected\"}"));
		await().atMost(WAIT).until(() -> other.controls().contains("{\"type\":\"connected\"}"));

		ConsoleLogin.logOut(this.port, cookie);

		await().atMost(WAIT).until(() -> terminal.closeCode() != null);
		assertThat(terminal.closeCode()).isEqualTo(1008);
		assertThat(other.closeCode()).isNull();
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(audit(container)).filteredOn((row) -> row.contains("end=closed")).hasSize(1));
		assertThat(TerminalClient.refusedStatus(this.port, socketPath(container.id()), cookie, this.origin))
			.isBetween(300, 401);
	}

	@Test
	void aUserMayHaveOnlySoManyTerminalsOpen() {
		ContainerView container = launch();
		for (int i = 0; i < 5; i++) {
			TerminalClient terminal = open(container, "alice", "");
			await().atMost(WAIT).until(() -> terminal.controls().contains("{\"type\":\"connected\"}"));
		}

		TerminalClient sixth = open(container, "alice", "");

		await().atMost(WAIT).until(() -> sixth.closeCode() != null);
		assertThat(sixth.closeReason()).isEqualTo("too-many-terminals");
		this.clients.get(0).close();
		await().atMost(WAIT).untilAsserted(() -> {
			TerminalClient again = open(container, "alice", "");
			await().atMost(WAIT)
				.until(() -> again.closeCode() != null || again.controls().contains("{\"type\":\"connected\"}"));
			assertThat(again.controls()).contains("{\"type\":\"connected\"}");
		});
	}

	/**
	 * Alice logs in first: a user's containers hang off the user row her login mirrors.
	 */
	@Test
	void theTerminalPageSpeaksTheBrowsersLanguageAndIsNotFoundForOthers() throws Exception {
		ContainerView container = launch();
		String alice = ConsoleLogin.sessionCookie(this.port, "alice", "alice-pass");
		String carol = ConsoleLogin.sessionCookie(this.port, "carol", "carol-pass");

		HttpResponse<String> page = page(container, alice, "ja");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("接続しています")
			.contains("data-reason-container-not-running=\"コンテナが動いていません。先に開始してください\"")
			.contains("data-socket=\"/containers/" + container.id() + "/terminal/socket\"")
			.contains("15 分");
		assertThat(page(container, alice, "en").body()).contains("Connecting").contains("data-closed=\"Closed: {0}\"");
		HttpResponse<String> others = page(container, carol, "en");
		assertThat(others.statusCode()).isEqualTo(404);
		assertThat(others.body()).doesNotContain(container.name());
	}

	HttpResponse<String> page(ContainerView container, String cookie, String language) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.origin + "/containers/" + container.id() + "/terminal"))
				.header("Cookie", cookie)
				.header("Accept-Language", language)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	ContainerView launch() {
		ConsoleLogin.sessionCookie(this.port, "alice", "alice-pass");
		String name = "tm" + UUID.randomUUID().toString().substring(0, 8);
		ContainerView container = this.workloads.launch("alice",
				new LaunchRequest(name, TestImages.BUSYBOX, null, null, IDLE, null), "127.0.0.1");
		this.launched.add(container);
		return container;
	}

	TerminalClient open(ContainerView container, String username, String query) {
		String cookie = ConsoleLogin.sessionCookie(this.port, username, username + "-pass");
		TerminalClient client = TerminalClient.connect(this.port, socketPath(container.id()) + query, cookie,
				this.origin);
		this.clients.add(client);
		return client;
	}

	static String socketPath(long id) {
		return "/containers/" + id + "/terminal/socket";
	}

	List<String> audit(ContainerView container) {
		return this.jdbc
			.sql("SELECT CONCAT(action, ' ', actor, ' ', source_address, ' ', detail) FROM audit_events"
					+ " WHERE target = ? ORDER BY id")
			.param("container:" + container.name())
			.query(String.class)
			.list();
	}

}
