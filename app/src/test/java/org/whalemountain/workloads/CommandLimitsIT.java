package org.whalemountain.workloads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.workloads.PrefixedUsersServiceTest.KAI;
import static org.whalemountain.workloads.PrefixedUsersServiceTest.KAI_RO;

/**
 * Long commands hold a connection to dockerd each: one user gets only so many at once,
 * and when the connections for commands are all taken a command is answered busy at once
 * rather than left hanging, while everybody's other calls go on. On the real dockerd,
 * with two commands per user and three in all.
 */
@PrefixedUsersServiceTest
class CommandLimitsIT {

	static final Duration QUICK = Duration.ofSeconds(5);

	@LocalServerPort
	int port;

	Http http;

	ExecutorService pool;

	final String run = UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port, Duration.ofSeconds(90));
		this.pool = Executors.newFixedThreadPool(8);
		TestImages.busybox();
	}

	@AfterEach
	void tearDown() throws InterruptedException {
		this.pool.shutdownNow();
		this.pool.awaitTermination(60, TimeUnit.SECONDS);
		LentContainers.deleteAll(this.http, List.of(KAI, KAI_RO));
	}

	@Test
	void oneUsersManyLongCommandsRunOnlyUpToTheCapAndNeverStallAnotherUsersList() throws Exception {
		long kais = launch(KAI, "sleeper");
		long ros = launch(KAI_RO, "lister");

		List<CompletableFuture<Http.Response>> commands = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			commands.add(CompletableFuture.supplyAsync(() -> exec(KAI, kais, "sleep 20"), this.pool));
		}

		// the four beyond the cap are answered at once, long before a sleep could end
		await().atMost(Duration.ofSeconds(15))
			.until(() -> commands.stream().filter(CompletableFuture::isDone).count() == 4);
		for (int i = 0; i < 5; i++) {
			long started = System.nanoTime();
			Http.Response list = this.http.get("/api/v1/containers", KAI_RO);
			assertThat(list.status()).isEqualTo(200);
			assertThat(list.json()).hasSize(1);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICK);
		}
		Http.Response echo = exec(KAI_RO, ros, "echo still-served");
		assertThat(echo.json().get("stdout").asString()).isEqualTo("still-served\n");
		assertThat(commands).as("kai's two commands still run").filteredOn((command) -> !command.isDone()).hasSize(2);

		List<Http.Response> answers = commands.stream().map(CompletableFuture::join).toList();
		assertThat(answers).filteredOn((response) -> response.status() == 429).hasSize(4).allSatisfy((response) -> {
			assertThat(response.json().get("type").asString()).isEqualTo("/problems/too-many-commands");
			assertThat(response.json().get("detail").asString()).contains("wm.workloads.exec.max-per-user");
			assertThat(Integer.parseInt(response.header("Retry-After"))).isPositive();
		});
		assertThat(answers).filteredOn((response) -> response.status() != 429)
			.hasSize(2)
			.allSatisfy((response) -> assertThat(response.json().get("exitCode").asInt()).as(response.body()).isZero());
		assertThat(exec(KAI, kais, "echo free-again").status()).isEqualTo(200);
	}

	@Test
	void aCommandThatFindsEveryCommandConnectionTakenIsAnsweredBusyAtOnce() throws Exception {
		long kais = launch(KAI, "holder");
		long ros = launch(KAI_RO, "waiter");
		List<CompletableFuture<Http.Response>> holding = List.of(
				CompletableFuture.supplyAsync(() -> exec(KAI, kais, "sleep 20"), this.pool),
				CompletableFuture.supplyAsync(() -> exec(KAI, kais, "sleep 20"), this.pool),
				CompletableFuture.supplyAsync(() -> exec(KAI_RO, ros, "sleep 20"), this.pool));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> sleeping(containerId(KAI, kais)) + sleeping(containerId(KAI_RO, ros)) == 3);

		long started = System.nanoTime();
		Http.Response busy = exec(KAI_RO, ros, "true");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICK);
		assertThat(busy.status()).as(busy.body()).isEqualTo(503);
		assertThat(busy.json().get("type").asString()).isEqualTo("/problems/engine-busy");
		assertThat(busy.json().get("detail").asString()).contains("try again");
		assertThat(Integer.parseInt(busy.header("Retry-After"))).isPositive();
		assertThat(this.http.get("/api/v1/containers/" + ros, KAI_RO).json().get("status").asString())
			.isEqualTo("running");
		for (CompletableFuture<Http.Response> command : holding) {
			assertThat(command.get(60, TimeUnit.SECONDS).json().get("exitCode").asInt()).isZero();
		}
		assertThat(exec(KAI_RO, ros, "true").status()).isEqualTo(200);
	}

	long launch(String user, String name) {
		Http.Response launched = this.http.post("/api/v1/containers", """
				{"name": "%s", "image": "%s", "command": ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]}"""
			.formatted(name + "-" + this.run, TestImages.BUSYBOX), user);
		assertThat(launched.status()).as(launched.body()).isEqualTo(201);
		return launched.json().get("id").asLong();
	}

	Http.Response exec(String user, long id, String command) {
		return this.http.post("/api/v1/containers/" + id + "/exec",
				"{\"command\": \"" + command + "\", \"timeoutSeconds\": 60}", user);
	}

	String containerId(String user, long id) {
		return this.http.get("/api/v1/containers/" + id, user).json().get("containerId").asString();
	}

	/** Seen from outside the service, so that looking takes none of its connections. */
	static long sleeping(String containerId) {
		return DockerCli.docker("top", containerId, "-o", "pid,args")
			.lines()
			.filter((line) -> line.matches("\\s*\\d+\\s+sleep 20\\s*"))
			.count();
	}

}
