package org.whalemountain.console;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.whalemountain.identity.Identity;
import org.whalemountain.identity.NewToken;
import org.whalemountain.identity.PersonalAccessToken;
import org.whalemountain.identity.TokenLifetimes;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;
import static org.whalemountain.testsupport.SignedIn.alice;

/**
 * The tokens page: the list, a new token's secret shown once, revocation, and the panel
 * alone for htmx.
 */
@WebMvcTest(TokensPageController.class)
class TokensPageControllerTests {

	private static final PersonalAccessToken LAPTOP = new PersonalAccessToken(5, "laptop",
			Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), null);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Identity identity;

	@BeforeEach
	void lifetimes() {
		given(this.identity.tokenLifetimes()).willReturn(new TokenLifetimes(90, 365));
	}

	@Test
	void plainRequestGetsTheWholePage() throws Exception {
		given(this.identity.tokens("alice")).willReturn(List.of(LAPTOP));

		this.mvc.perform(get("/tokens").with(alice()))
			.andExpect(status().isOk())
			.andExpect(view().name("tokens"))
			.andExpect(content().string(containsString("<nav")))
			.andExpect(content().string(containsString("id=\"token-5\"")))
			.andExpect(content().string(containsString("max=\"365\"")));
	}

	@Test
	void htmxRequestGetsThePanelOnly() throws Exception {
		given(this.identity.tokens("alice")).willReturn(List.of(LAPTOP));

		this.mvc.perform(get("/tokens").header("HX-Request", "true").with(alice()))
			.andExpect(status().isOk())
			.andExpect(view().name("tokens :: panel"))
			.andExpect(content().string(startsWith("<section id=\"token-panel\"")))
			.andExpect(content().string(not(containsString("<nav"))))
			.andExpect(content().string(containsString("id=\"token-5\"")));
	}

	@Test
	void aNewTokensSecretIsShownRightAfterCreation() throws Exception {
		given(this.identity.createToken("alice", "laptop", 30, "127.0.0.1"))
			.willReturn(new NewToken(LAPTOP, "wm_s3cr3t"));

		this.mvc
			.perform(post("/tokens").with(alice())
				.with(csrf())
				.header("HX-Request", "true")
				.param("name", "laptop")
				.param("expiresInDays", "30"))
			.andExpect(status().isOk())
			.andExpect(view().name("tokens :: panel"))
			.andExpect(content().string(containsString("id=\"created-token-secret\">wm_s3cr3t<")));
	}

	@Test
	void anEmptyLifetimeReachesIdentityAsNullForItsDefault() throws Exception {
		given(this.identity.createToken("alice", "ci", null, "127.0.0.1")).willReturn(new NewToken(LAPTOP, "wm_x"));

		this.mvc.perform(post("/tokens").with(alice()).with(csrf()).param("name", "ci").param("expiresInDays", ""))
			.andExpect(status().isOk());

		verify(this.identity).createToken("alice", "ci", null, "127.0.0.1");
	}

	@Test
	void aRefusedTokenIsAFormErrorThatKeepsTheName() throws Exception {
		given(this.identity.createToken("alice", "laptop", 9999, "127.0.0.1"))
			.willThrow(new InvalidInputException("invalid-expiry", "expiresInDays", "A token lives at most 365 days."));

		this.mvc
			.perform(post("/tokens").with(alice()).with(csrf()).param("name", "laptop").param("expiresInDays", "9999"))
			.andExpect(status().isOk())
			.andExpect(view().name("tokens"))
			.andExpect(content().string(containsString("A token lives at most 365 days.")))
			.andExpect(content().string(containsString("value=\"laptop\"")))
			.andExpect(content().string(not(containsString("id=\"created-token\""))));
	}

	@Test
	void revokingSaysSoAndAnUnknownTokenIsAFormError() throws Exception {
		willThrow(new NotFoundException("token-not-found", "You have no token with id 6.")).given(this.identity)
			.revokeToken("alice", 6, "127.0.0.1");

		this.mvc.perform(post("/tokens/5/revoke").with(alice()).with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The token was revoked.")));
		this.mvc.perform(post("/tokens/6/revoke").with(alice()).with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("You have no token with id 6.")));

		verify(this.identity).revokeToken("alice", 5, "127.0.0.1");
	}

	@Test
	void creatingWithoutCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(post("/tokens").with(alice()).param("name", "laptop")).andExpect(status().isForbidden());

		verify(this.identity, never()).createToken(anyString(), anyString(), any(), anyString());
	}

}
