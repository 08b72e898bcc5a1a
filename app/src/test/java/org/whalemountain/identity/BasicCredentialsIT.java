package org.whalemountain.identity;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.whalemountain.testsupport.Http.basic;

/**
 * HTTP Basic on the API: what {@code curl -u} sends works, what a browser would attach to
 * another site's request does not, and browsers are never asked for a password.
 */
@ServiceTest
class BasicCredentialsIT {

	private static final String ALICE = basic("alice", "alice-pass");

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
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

}
