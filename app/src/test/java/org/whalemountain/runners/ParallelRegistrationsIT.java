package org.whalemountain.runners;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.testsupport.GitLabStubs;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.testsupport.Http.basic;
import static org.whalemountain.testsupport.Http.bearer;

/**
 * A class registering its runners at once must not stall the service. Twenty
 * registrations start together — every demo user, and six of them twice — while GitLab
 * takes a second to answer each, and a bearer {@code GET /api/v1/me} is asked four times
 * a second all along. (The runner lock once held a pooled connection for the whole
 * registration, which needs more of them: fourteen registrations emptied the pool of ten,
 * and everything that touched the database waited out the pool's 30-second timeout.)
 */
@ServiceTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ParallelRegistrationsIT {

	/** The demo directory's users, each of whom may have one runner. */
	static final List<String> USERS = List.of("alice", "bob", "carol", "sensei", "student01", "student02", "student03",
			"student04", "student05", "student06", "student07", "student08", "student09", "student10");

	static final int REGISTRATIONS = 20;

	/** Far longer than a database answer, far shorter than the pool's timeout. */
	static final Duration QUICK = Duration.ofSeconds(5);

	@LocalServerPort
	int port;

	@Autowired
	WireMockServer gitlabServer;

	@Autowired
	GitLabStubs gitlab;

	@AfterEach
	void removeRunners() {
		Http http = new Http(this.port);
		USERS.forEach((user) -> http.delete("/api/v1/runner", basic(user, user + "-pass")));
	}

	@Test
	void twentyParallelRegistrationsLeaveTheServiceAnswering() throws Exception {
		this.gitlabServer.resetAll();
		this.gitlab.deleteRunner();
		for (int i = 0; i < USERS.size(); i++) {
			this.gitlab.runnerTokenValidSlowly(token(USERS.get(i)), 700 + i, Duration.ofSeconds(1));
		}
		// registrations may queue; a probe gets less than the pool's 30-second timeout,
		// so
		// that a starved pool shows in the probes
		Http http = new Http(this.port, Duration.ofSeconds(90));
		Http probing = new Http(this.port, Duration.ofSeconds(20));
		String me = bearer(http.post("/api/v1/tokens", "{\"name\": \"probe\"}", basic("carol", "carol-pass"))
			.json()
			.get("token")
			.asString());
		// with tokens, as scripts do: a burst of first Basic logins is another story
		Map<String, String> tokens = new HashMap<>();
		for (String user : USERS) {
			tokens.put(user,
					bearer(http.post("/api/v1/tokens", "{\"name\": \"runner\"}", basic(user, user + "-pass"))
						.json()
						.get("token")
						.asString()));
		}
		List<String> registering = IntStream.range(0, REGISTRATIONS)
			.mapToObj((i) -> USERS.get(i % USERS.size()))
			.toList();
		ExecutorService clients = Executors.newFixedThreadPool(REGISTRATIONS);
		ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
		ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<CompletableFuture<Http.Response>> registrations = new ArrayList<>();
			for (String user : registering) {
				registrations.add(CompletableFuture.supplyAsync(() -> {
					awaitQuietly(go);
					return http.put("/api/v1/runner",
							"{\"project\":\"course-os/" + user + "-image\",\"runnerToken\":\"" + token(user) + "\"}",
							tokens.get(user));
				}, clients));
			}
			prober.scheduleAtFixedRate(() -> probes.add(probe(probing, me)), 0, 250, TimeUnit.MILLISECONDS);
			go.countDown();
			CompletableFuture.allOf(registrations.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
			prober.shutdown();
			assertThat(prober.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

			assertThat(probes).hasSizeGreaterThan(4).allSatisfy((probe) -> {
				assertThat(probe.status()).isEqualTo(200);
				assertThat(probe.took()).isLessThan(QUICK);
			});
			// six users asked twice at once: the second of each pair may meet the lock
			assertThat(registrations.stream().map(CompletableFuture::join)).allSatisfy((response) -> {
				assertThat(response.status()).as(response.body()).isIn(200, 409);
				if (response.status() == 409) {
					assertThat(response.json().get("type").asString()).isEqualTo("/problems/runner-change-in-progress");
				}
			});
			for (String user : USERS) {
				assertThat(http.get("/api/v1/runner", tokens.get(user)).status()).as(user).isEqualTo(200);
				assertThat(RunnerClient.containers(user)).as(user).hasSize(1);
			}
		}
		finally {
			prober.shutdownNow();
			clients.shutdownNow();
		}
	}

	private static String token(String user) {
		return "glrt-parallel-" + user;
	}

	private static Probe probe(Http http, String authorization) {
		long started = System.nanoTime();
		int status;
		try {
			status = http.get("/api/v1/me", authorization).status();
		}
		catch (RuntimeException timedOut) {
			status = -1;
		}
		return new Probe(status, Duration.ofNanos(System.nanoTime() - started));
	}

	private static void awaitQuietly(CountDownLatch go) {
		try {
			go.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One {@code GET /api/v1/me}: its status (-1 without an answer) and how long it took.
	 */
	record Probe(int status, Duration took) {
	}

}
