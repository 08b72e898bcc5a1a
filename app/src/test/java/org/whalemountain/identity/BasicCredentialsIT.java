package org.whalemountain.identity;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.MutableClock;
import org.whalemountain.testsupport.PublishedEvents;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.whalemountain.testsupport.Http.basic;

/**
 * HTTP Basic on the API: what {@code curl -u} sends works, what a browser would attach to
 * another site's request does not, browsers are never asked for a password, and a script
 * calling in a loop is one login per {@code wm.identity.basic-auth-cache}, not one per
 * call.
 */
@ServiceTest
class BasicCredentialsIT {

	private static final String ALICE = basic("alice", "alice-pass");

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	PublishedEvents events;

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
	void basicThatABrowserSendsFromAnotherSiteIsRefused() {
		String fromOrigin = "from-origin-" + UUID.randomUUID();
		String fromFetch = "from-fetch-" + UUID.randomUUID();

		Http.Response origin = this.http.post("/api/v1/tokens", "{\"name\":\"" + fromOrigin + "\"}", ALICE, "Origin",
				"http://evil.test");
		Http.Response fetch = this.http.post("/api/v1/tokens", "{\"name\":\"" + fromFetch + "\"}", ALICE,
				"Sec-Fetch-Site", "cross-site");
		Http.Response read = this.http.get("/api/v1/me", ALICE, "Sec-Fetch-Site", "cross-site");

		for (Http.Response refused : List.of(origin, fetch, read)) {
			assertThat(refused.status()).isEqualTo(403);
			assertThat(refused.contentType()).startsWith("application/problem+json");
			assertThat(refused.json().get("type").asString()).isEqualTo("/problems/cross-site-basic-auth");
		}
		assertThat(this.http.get("/api/v1/tokens", ALICE).body()).doesNotContain(fromOrigin).doesNotContain(fromFetch);
	}

	@Test
	void basicAsCurlSendsItWorks() {
		String plain = "curl-" + UUID.randomUUID();
		String sameOrigin = "same-origin-" + UUID.randomUUID();

		assertThat(this.http.post("/api/v1/tokens", "{\"name\":\"" + plain + "\"}", ALICE).status()).isEqualTo(201);
		assertThat(this.http
			.post("/api/v1/tokens", "{\"name\":\"" + sameOrigin + "\"}", ALICE, "Origin",
					"http://127.0.0.1:" + this.port, "Sec-Fetch-Site", "same-origin")
			.status()).isEqualTo(201);
		assertThat(this.http.get("/api/v1/tokens", ALICE).body()).contains(plain).contains(sameOrigin);
	}

	@Test
	void a401NeverAsksTheBrowserForAPassword() {
		Http.Response anonymous = this.http.get("/api/v1/me", null);
		Http.Response wrongPassword = this.http.get("/api/v1/me", basic("alice", "not-her-password"));

		for (Http.Response refused : List.of(anonymous, wrongPassword)) {
			assertThat(refused.status()).isEqualTo(401);
			List<String> challenges = refused.headers().allValues("WWW-Authenticate");
			assertThat(challenges).isNotEmpty().allSatisfy((challenge) -> {
				assertThat(challenge).startsWith("Bearer");
				assertThat(challenge.toLowerCase()).doesNotContain("basic");
			});
		}
	}

	@Test
	void aSessionWriteWithAnotherAuthorizationSchemeStillNeedsTheCsrfToken() throws Exception {
		UserPrincipal alice = new UserPrincipal("alice", "Alice Liddell", null, null, null, List.of("course-os"),
				false);
		String name = "negotiated-" + UUID.randomUUID();

		this.mvc
			.perform(post("/api/v1/tokens")
				.with(authentication(
						UsernamePasswordAuthenticationToken.authenticated(alice, null, alice.getAuthorities())))
				.header("Authorization", "Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1")
				.contentType("application/json")
				.content("{\"name\":\"" + name + "\"}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("/problems/csrf-token-missing"));
		assertThat(this.http.get("/api/v1/tokens", ALICE).body()).doesNotContain(name);
	}

	@Test
	void repeatedBasicCallsWithinTheCacheTimeAreOneLogin() {
		String student = basic("student08", "student08-pass");
		// whatever an earlier test left remembered is over
		this.clock.advance(Duration.ofMinutes(2));
		int mark = this.events.mark();

		assertThat(this.http.get("/api/v1/me", student).status()).isEqualTo(200);
		Timestamp firstLogin = lastLogin("student08");
		assertThat(this.http.get("/api/v1/me", student).status()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.http.get("/api/v1/me", student).status()).isEqualTo(200);

		assertThat(logins(mark, "student08")).hasSize(1);
		assertThat(lastLogin("student08")).isEqualTo(firstLogin);

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.http.get("/api/v1/me", student).status()).isEqualTo(200);

		assertThat(logins(mark, "student08")).hasSize(2);
		assertThat(lastLogin("student08")).isAfter(firstLogin);
	}

	private List<UserLoggedIn> logins(int mark, String username) {
		return this.events.since(mark, UserLoggedIn.class)
			.stream()
			.filter((login) -> login.username().equals(username))
			.toList();
	}

	private Timestamp lastLogin(String username) {
		return this.jdbc.sql("SELECT last_login_at FROM users WHERE username = ?")
			.param(username)
			.query(Timestamp.class)
			.single();
	}

}
