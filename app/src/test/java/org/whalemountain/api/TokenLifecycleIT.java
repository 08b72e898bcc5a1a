package org.whalemountain.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.MutableClock;
import org.whalemountain.testsupport.ServiceTest;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.whalemountain.testsupport.Http.basic;
import static org.whalemountain.testsupport.Http.bearer;

@ServiceTest
class TokenLifecycleIT {

	private static final String ALICE = basic("alice", "alice-pass");

	private static final String BOB = basic("bob", "bob-pass");

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	MockMvc mvc;

	Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void tokenCreatedWithBasicAuthWorksAsBearerAndIsShownOnlyOnce() {
		Http.Response created = this.http.post("/api/v1/tokens", "{\"name\":\"laptop\",\"expiresInDays\":30}", ALICE);

		assertThat(created.status()).isEqualTo(201);
		JsonNode token = created.json();
		String secret = token.get("token").asString();
		assertThat(secret).startsWith("wm_").hasSizeGreaterThan(40);
		assertThat(Duration.between(Instant.parse(token.get("createdAt").asString()),
				Instant.parse(token.get("expiresAt").asString())))
			.isEqualTo(Duration.ofDays(30));

		Http.Response me = this.http.get("/api/v1/me", bearer(secret));
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("username").asString()).isEqualTo("alice");
		assertThat(me.json().get("groups").toString()).contains("course-os");

		Http.Response list = this.http.get("/api/v1/tokens", bearer(secret));
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).contains("\"id\":" + token.get("id").asLong()).doesNotContain(secret);
		list.json().forEach((listed) -> assertThat(listed.has("token")).isFalse());
	}

	@Test
	void expiredTokenIsRefusedWithAProblem() {
		String secret = create(ALICE, "short-lived", 1).secret();
		assertThat(this.http.get("/api/v1/me", bearer(secret)).status()).isEqualTo(200);

		this.clock.advance(Duration.ofDays(1).plusSeconds(1));

		Http.Response refused = this.http.get("/api/v1/me", bearer(secret));
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("type").asString()).isEqualTo("/problems/token-expired");
	}

	@Test
	void revokedTokenStopsWorkingAtOnce() {
		Token created = create(ALICE, "to-revoke", 7);
		String secret = created.secret();
		long id = created.id();

		assertThat(this.http.delete("/api/v1/tokens/" + id, bearer(secret)).status()).isEqualTo(204);

		Http.Response refused = this.http.get("/api/v1/me", bearer(secret));
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.json().get("type").asString()).isEqualTo("/problems/invalid-token");
	}

	@Test
	void aTokenRecordsWhenItWasLastUsed() {
		Token token = create(ALICE, "last-used", 7);
		String path = "/api/v1/tokens/" + token.id();
		// read with the password, so that reading does not use the token
		assertThat(this.http.get(path, ALICE).json().get("lastUsedAt").isNull()).isTrue();

		Instant first = this.clock.instant();
		assertThat(this.http.get("/api/v1/me", bearer(token.secret())).status()).isEqualTo(200);
		Instant firstUse = Instant.parse(this.http.get(path, ALICE).json().get("lastUsedAt").asString());
		this.clock.advance(Duration.ofHours(3));
		assertThat(this.http.get("/api/v1/images", bearer(token.secret())).status()).isEqualTo(200);
		Instant secondUse = Instant.parse(this.http.get(path, ALICE).json().get("lastUsedAt").asString());

		assertThat(firstUse).isBetween(first.minusSeconds(1), first.plusSeconds(60));
		assertThat(secondUse).isAfterOrEqualTo(firstUse.plus(Duration.ofHours(3)));
	}

	@Test
	void aliceCanNeitherSeeNorRevokeBobsToken() {
		Token bobsToken = create(BOB, "bobs-token", 7);
		String bobs = bobsToken.secret();
		long bobsId = bobsToken.id();
		String alices = create(ALICE, "alices-token", 7).secret();

		assertThat(this.http.get("/api/v1/tokens", bearer(alices)).body()).doesNotContain("bobs-token");
		Http.Response revoke = this.http.delete("/api/v1/tokens/" + bobsId, bearer(alices));
		assertThat(revoke.status()).isEqualTo(404);
		assertThat(revoke.json().get("type").asString()).isEqualTo("/problems/token-not-found");
		assertThat(this.http.get("/api/v1/me", bearer(bobs)).status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/tokens/" + bobsId, bearer(alices)).status()).isEqualTo(404);
		Http.Response own = this.http.get("/api/v1/tokens/" + bobsId, bearer(bobs));
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.json().get("name").asString()).isEqualTo("bobs-token");
		assertThat(own.json().has("token")).isFalse();
	}

	@Test
	void consoleSessionWritesWithoutTheCsrfTokenAreRefused() throws Exception {
		UserPrincipal alice = new UserPrincipal("alice", "Alice Liddell", null, null, null, List.of("course-os"),
				false);

		this.mvc
			.perform(post("/api/v1/tokens")
				.with(authentication(
						UsernamePasswordAuthenticationToken.authenticated(alice, null, alice.getAuthorities())))
				.contentType("application/json")
				.content("{\"name\":\"csrf-less\"}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("/problems/csrf-token-missing"));
		assertThat(this.http.get("/api/v1/tokens", ALICE).body()).doesNotContain("csrf-less");
	}

	@Test
	void noOrBadCredentialsAre401Problems() {
		Http.Response none = this.http.get("/api/v1/me", null);
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.contentType()).startsWith("application/problem+json");
		assertThat(none.json().get("type").asString()).isEqualTo("/problems/unauthenticated");

		Http.Response bad = this.http.get("/api/v1/me", bearer("wm_not-a-real-token"));
		assertThat(bad.status()).isEqualTo(401);
		assertThat(bad.json().get("type").asString()).isEqualTo("/problems/invalid-token");

		Http.Response wrongPassword = this.http.get("/api/v1/me", basic("alice", "wrong"));
		assertThat(wrongPassword.status()).isEqualTo(401);
		assertThat(wrongPassword.json().get("type").asString()).isEqualTo("/problems/invalid-credentials");
	}

	@Test
	void aTokenCannotMintAnotherToken() {
		String secret = create(ALICE, "no-minting", 7).secret();

		Http.Response refused = this.http.post("/api/v1/tokens", "{\"name\":\"child\"}", bearer(secret));

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("type").asString()).isEqualTo("/problems/password-required");
		assertThat(this.http.get("/api/v1/tokens", bearer(secret)).body()).doesNotContain("child");
	}

	@Test
	void badTokenRequestsAre400ProblemsAndCreateNothing() {
		Http.Response blank = this.http.post("/api/v1/tokens", "{\"name\":\"  \"}", ALICE);
		assertThat(blank.status()).isEqualTo(400);
		assertThat(blank.json().get("type").asString()).isEqualTo("/problems/invalid-token-name");
		assertThat(blank.json().get("errors").get(0).get("field").asString()).isEqualTo("name");

		Http.Response tooLong = this.http.post("/api/v1/tokens", "{\"name\":\"never-" + "x".repeat(80) + "\"}", ALICE);
		assertThat(tooLong.status()).isEqualTo(400);

		Http.Response forever = this.http.post("/api/v1/tokens", "{\"name\":\"forever\",\"expiresInDays\":100000}",
				ALICE);
		assertThat(forever.status()).isEqualTo(400);
		assertThat(forever.json().get("type").asString()).isEqualTo("/problems/invalid-token-lifetime");

		Http.Response malformed = this.http.post("/api/v1/tokens", "{\"name\":", ALICE);
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.json().get("type").asString()).isEqualTo("/problems/malformed-body");

		assertThat(this.http.get("/api/v1/tokens", ALICE).body()).doesNotContain("never-").doesNotContain("forever");
	}

	@Test
	void unknownPathsAndMethodsAreProblemsToo() {
		Http.Response unknown = this.http.get("/api/v1/no-such-thing", ALICE);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.contentType()).startsWith("application/problem+json");
		assertThat(unknown.json().get("type").asString()).isEqualTo("/problems/not-found");

		Http.Response wrongMethod = this.http.send("PUT", "/api/v1/me", ALICE);
		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethod.json().get("type").asString()).isEqualTo("/problems/method-not-allowed");

		Http.Response notANumber = this.http.delete("/api/v1/tokens/abc", ALICE);
		assertThat(notANumber.status()).isEqualTo(400);
		assertThat(notANumber.json().get("type").asString()).isEqualTo("/problems/invalid-parameter");
	}

	@Test
	void adminEndpointsNeedTheAdminRole() {
		Http.Response alice = this.http.get("/api/v1/admin/users", ALICE);
		assertThat(alice.status()).isEqualTo(403);
		assertThat(alice.json().get("type").asString()).isEqualTo("/problems/forbidden");

		Http.Response sensei = this.http.get("/api/v1/admin/users", basic("sensei", "sensei-pass"));
		assertThat(sensei.status()).isEqualTo(200);
		assertThat(sensei.body()).contains("\"username\":\"sensei\"")
			.doesNotContain("password")
			.doesNotContain("authorities");
	}

	/** The token as its creation answered: the id of this token, whatever else exists. */
	private Token create(String authorization, String name, int days) {
		Http.Response created = this.http.post("/api/v1/tokens",
				"{\"name\":\"" + name + "\",\"expiresInDays\":" + days + "}", authorization);
		assertThat(created.status()).isEqualTo(201);
		return new Token(created.json().get("id").asLong(), created.json().get("token").asString());
	}

	private record Token(long id, String secret) {
	}

}
