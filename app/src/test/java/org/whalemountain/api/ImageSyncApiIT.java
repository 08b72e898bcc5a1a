package org.whalemountain.api;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.audit.AuditLog;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.Http.basic;

/** "Sync now" over the API, as a user's script calls it. */
@ServiceTest
class ImageSyncApiIT {

	private static final String ALICE = basic("alice", "alice-pass");

	@LocalServerPort
	int port;

	@Autowired
	AuditLog audit;

	@Test
	void aSyncRequestAnswersAtOnceWithTheRunToFollowAndIsAudited() {
		Http http = new Http(this.port);
		// a token, not Basic: every Basic request is an audited login, and polling makes
		// many
		String token = Http
			.bearer(http.post("/api/v1/tokens", "{\"name\":\"sync\"}", ALICE).json().get("token").asString());

		Http.Response accepted = http.send("POST", "/api/v1/images/sync", token);

		assertThat(accepted.status()).isEqualTo(202);
		String syncId = accepted.json().get("syncId").asString();
		assertThat(accepted.header("Location")).endsWith("/api/v1/images/sync/" + syncId);
		assertThat(accepted.json().get("status").asString()).isIn("QUEUED", "RUNNING", "SUCCEEDED");
		JsonNode run = await().atMost(Duration.ofSeconds(60))
			.until(() -> http.get("/api/v1/images/sync/" + syncId, token).json(),
					(json) -> "SUCCEEDED".equals(json.get("status").asString()));
		assertThat(run.get("id").asString()).isEqualTo(syncId);
		assertThat(run.get("trigger").asString()).isEqualTo("manual");
		assertThat(run.has("tagsAdded")).isTrue();
		assertThat(run.get("finishedAt").isNull()).isFalse();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.audit.latest(20, "alice")).anySatisfy((entry) -> {
				assertThat(entry.action()).isEqualTo("registry.sync.request");
				assertThat(entry.target()).isEqualTo("sync:" + syncId);
				assertThat(entry.sourceAddress()).isEqualTo("127.0.0.1");
			}));
	}

	@Test
	void anUnknownRunIsAProblemAndAnonymousCallersAreRefused() {
		Http http = new Http(this.port);

		Http.Response missing = http.get("/api/v1/images/sync/no-such-run", ALICE);

		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json().get("type").asString()).isEqualTo("/problems/sync-not-found");
		// without credentials a POST is a would-be session write: CSRF refuses it first
		assertThat(http.send("POST", "/api/v1/images/sync", null).status()).isIn(401, 403);
		assertThat(http.get("/api/v1/images/sync/no-such-run", null).status()).isEqualTo(401);
	}

}
