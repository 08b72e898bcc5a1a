package org.whalemountain.workloads;

import org.whalemountain.workloads.launch.Launches;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty launches at once by the ten demo students on the real dockerd: three of them ask
 * for two more containers than their quota of five allows. Every launch either runs with
 * host ports no other container has, as Docker confirms, or is refused with the quota
 * problem; deleting them all leaves no port row and no container behind.
 */
@ServiceTest
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContainerBurstIT {

	/** Launches per student, fifty in all; the quota (5) refuses two of each seven. */
	static final int[] LAUNCHES = { 7, 7, 7, 3, 3, 3, 5, 5, 5, 5 };

	static final int QUOTA = 5;

	/**
	 * Keeps the container running without serving anything: the bindings are the point.
	 */
	static final String SLEEPER = "[\"sleep\", \"600\"]";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http http;

	@BeforeEach
	void setUp() {
		// fifty launches queue behind each other on two cores
		this.http = new Http(this.port, Duration.ofMinutes(2));
		TestImages.busybox();
		// the quota check locks the owner's user row: it must exist before the burst
		Students.all().forEach((student) -> assertThat(this.http.get("/api/v1/me", student).status()).isEqualTo(200));
	}

	@AfterEach
	void deleteContainers() {
		LentContainers.deleteAll(this.http, Students.all());
	}

	@Test
	void fiftyParallelLaunchesByTenUsersGetUniqueHostPortsOrTheQuotaProblemAndLeaveNothingBehind() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(50);
		try {
			Map<String, List<Http.Response>> answers = burst(pool);
			List<JsonNode> running = new ArrayList<>();
			answers.forEach((student, responses) -> running.addAll(checkQuota(student, responses)));
			assertThat(running).hasSize(44);
			Map<String, Map<Integer, String>> apiPorts = uniqueHostPorts(running);
			assertThat(PublishedPorts.of(apiPorts.keySet())).isEqualTo(apiPorts);

			deleteAll(pool, running);
			List<Long> ids = running.stream().map((c) -> c.get("id").asLong()).toList();
			assertThat(count("SELECT COUNT(*) FROM host_ports WHERE container IN (" + join(ids) + ")")).isZero();
			assertThat(count("SELECT COUNT(*) FROM host_ports WHERE host_port IN (" + join(hostPorts(apiPorts)) + ")"))
				.isZero();
			assertThat(count("SELECT COUNT(*) FROM containers WHERE owner LIKE 'student%'")).isZero();
			Set<String> onDocker = Set.of(DockerCli.docker("ps", "-aq", "--no-trunc").split("\\s+"));
			assertThat(apiPorts.keySet()).doesNotContainAnyElementsOf(onDocker);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** All fifty at once; answers per student. */
	private Map<String, List<Http.Response>> burst(ExecutorService pool) throws Exception {
		Map<String, List<CompletableFuture<Http.Response>>> launches = new TreeMap<>();
		for (int i = 0; i < LAUNCHES.length; i++) {
			String student = Students.credentials(i + 1);
			for (int n = 0; n < LAUNCHES[i]; n++) {
				launches.computeIfAbsent(Students.username(i + 1), (key) -> new ArrayList<>())
					.add(CompletableFuture.supplyAsync(() -> launch(student), pool));
			}
		}
		long start = System.nanoTime();
		CompletableFuture.allOf(launches.values().stream().flatMap(List::stream).toArray(CompletableFuture[]::new))
			.get(3, TimeUnit.MINUTES);
		System.out.printf("50 launches by 10 users took %d ms%n", (System.nanoTime() - start) / 1_000_000);
		Map<String, List<Http.Response>> answers = new TreeMap<>();
		launches.forEach(
				(student, futures) -> answers.put(student, futures.stream().map(CompletableFuture::join).toList()));
		return answers;
	}

	private Http.Response launch(String student) {
		return this.http.post("/api/v1/containers", """
				{"name": "%s", "image": "%s", "ports": [8080, 8081], "command": %s}"""
			.formatted(ContainerLendingIT.name(), TestImages.BUSYBOX, SLEEPER), student);
	}

	/** Exactly the quota's worth ran; every other launch got the quota problem. */
	private List<JsonNode> checkQuota(String student, List<Http.Response> responses) {
		List<JsonNode> running = new ArrayList<>();
		for (Http.Response answer : responses) {
			if (answer.status() == 201) {
				assertThat(answer.json().get("status").asString()).isEqualTo("running");
				running.add(answer.json());
			}
			else {
				assertThat(answer.status()).as(answer.body()).isEqualTo(409);
				assertThat(answer.contentType()).startsWith("application/problem+json");
				assertThat(answer.json().get("type").asString()).isEqualTo("/problems/container-quota-exceeded");
				assertThat(answer.json().get("detail").asString()).contains("wm.workloads.quota.max-containers");
			}
		}
		assertThat(running).as(student).hasSize(Math.min(QUOTA, responses.size()));
		return running;
	}

	/**
	 * Container id → guest port → {@code 127.0.0.1:host}, as the API answered; fails on
	 * any host port handed out twice.
	 */
	private Map<String, Map<Integer, String>> uniqueHostPorts(List<JsonNode> running) {
		Set<Integer> seen = new HashSet<>();
		Map<String, Map<Integer, String>> ports = new HashMap<>();
		for (JsonNode container : running) {
			Map<Integer, String> bindings = new TreeMap<>();
			for (JsonNode port : container.get("ports")) {
				int host = port.get("host").asInt();
				assertThat(seen.add(host)).as("host port %d handed out twice", host).isTrue();
				assertThat(host).isBetween(49152, 65535);
				bindings.put(port.get("guest").asInt(), "127.0.0.1:" + host);
			}
			assertThat(bindings).containsOnlyKeys(8080, 8081);
			ports.put(container.get("containerId").asString(), bindings);
		}
		return ports;
	}

	private void deleteAll(ExecutorService pool, List<JsonNode> running) throws Exception {
		Map<String, String> owners = new HashMap<>();
		for (int i = 1; i <= 10; i++) {
			owners.put(Students.username(i), Students.credentials(i));
		}
		List<CompletableFuture<Http.Response>> deletes = running.stream()
			.map((c) -> CompletableFuture
				.supplyAsync(() -> this.http.delete("/api/v1/containers/" + c.get("id").asLong(),
						owners.get(c.get("name").asString().split("-")[0])), pool))
			.toList();
		CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
		deletes.forEach((delete) -> assertThat(delete.join().status()).isEqualTo(204));
	}

	private static List<Integer> hostPorts(Map<String, Map<Integer, String>> ports) {
		return ports.values()
			.stream()
			.flatMap((bindings) -> bindings.values().stream())
			.map((binding) -> Integer.valueOf(binding.substring(binding.indexOf(':') + 1)))
			.toList();
	}

	private static String join(List<? extends Number> values) {
		return String.join(",", values.stream().map(String::valueOf).toList());
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

}
