package org.whalemountain.identity;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.MutableClock;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.whalemountain.testsupport.Http.basic;
import static org.whalemountain.testsupport.Http.bearer;

/**
 * Password guessing against the demo directory, with a throttle of three failures in ten
 * minutes (its own context, so that the other tests' wrong passwords do not count).
 */
@ServiceTest
@TestPropertySource(properties = "wm.identity.login-throttle.max-failures=3")
class LoginThrottleIT {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@AfterEach
	void everyFailureExpired() {
		this.clock.advance(Duration.ofMinutes(11));
	}

	@Test
	void theApiHoldsANameBackEvenWithTheRightPasswordWhileItsTokensKeepWorking() {
		Http http = new Http(this.port);
		String token = http.post("/api/v1/tokens", "{\"name\":\"throttle\"}", basic("carol", "carol-pass"))
			.json()
			.get("token")
			.asString();
		for (int attempt = 1; attempt <= 3; attempt++) {
			assertThat(http.get("/api/v1/me", basic("carol", "guess-" + attempt)).status()).isEqualTo(401);
		}

		Http.Response held = http.get("/api/v1/me", basic("carol", "carol-pass"));

		assertThat(held.status()).isEqualTo(429);
		assertThat(held.json().get("type").asString()).endsWith("/problems/too-many-login-failures");
		assertThat(Long.parseLong(held.header("Retry-After"))).isBetween(1L, Duration.ofMinutes(10).toSeconds());
		assertThat(http.get("/api/v1/me", bearer(token)).status()).isEqualTo(200);
		assertThat(http.get("/api/v1/me", basic("bob", "bob-pass")).status()).isEqualTo(200);

		this.clock.advance(Duration.ofMinutes(10));
		assertThat(http.get("/api/v1/me", basic("carol", "carol-pass")).status()).isEqualTo(200);
	}

	@Test
	void theConsoleSaysWhyAndAnUnknownNameIsHeldBackAlike() throws Exception {
		for (int attempt = 1; attempt <= 3; attempt++) {
			this.mvc.perform(formLogin().user("mallory").password("guess-" + attempt))
				.andExpect(redirectedUrl("/login?error"));
		}

		this.mvc.perform(formLogin().user("mallory").password("guess-4"))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?held"));
		this.mvc.perform(get("/login?held").header("Accept-Language", "en"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("too many wrong passwords")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("at most 10 minutes")));
	}

}
