package org.whalemountain.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.testsupport.Http.basic;
import static org.whalemountain.testsupport.Http.bearer;

/**
 * Many more bearer-token requests at once than the database pool has connections: each
 * must be answered, and soon. (Reading a user once took two pooled connections at a time,
 * so fifty requests starved the pool of ten until its 30-second timeout.)
 */
@ServiceTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConcurrentTokenRequestsIT {

	static final int REQUESTS = 50;

	@LocalServerPort
	int port;

	@Test
	void fiftyBearerRequestsAtOnceAreAllAnsweredBeforeThePoolWouldTimeOut() throws Exception {
		// shorter than the pool's 30-second connection timeout: a starved pool fails here
		Http http = new Http(this.port, Duration.ofSeconds(20));
		String token = http.post("/api/v1/tokens", "{\"name\": \"burst\"}", basic("student08", "student08-pass"))
			.json()
			.get("token")
			.asString();
		ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
		try {
			for (int wave = 0; wave < 3; wave++) {
				List<CompletableFuture<Integer>> answers = new ArrayList<>();
				for (int i = 0; i < REQUESTS; i++) {
					answers
						.add(CompletableFuture.supplyAsync(() -> http.get("/api/v1/me", bearer(token)).status(), pool));
				}
				CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
				assertThat(answers.stream().map(CompletableFuture::join).toList()).containsOnly(200);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
