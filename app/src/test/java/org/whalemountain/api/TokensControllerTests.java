package org.whalemountain.api;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.whalemountain.identity.Identity;
import org.whalemountain.identity.NewToken;
import org.whalemountain.identity.PersonalAccessToken;
import org.whalemountain.identity.TokenAuthentication;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.whalemountain.testsupport.SignedIn.ALICE;
import static org.whalemountain.testsupport.SignedIn.alice;

/**
 * The token API's mapping: the create body as {@link Identity} gets it, the secret shown
 * in the answer to the create only, and a bearer token that may not make another.
 */
@WebMvcTest(TokensController.class)
class TokensControllerTests {

	private static final PersonalAccessToken LAPTOP = new PersonalAccessToken(5, "laptop",
			Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), null);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Identity identity;

	@Test
	void createdTokenShowsItsSecretOnceWithItsLocation() throws Exception {
		given(this.identity.createToken("alice", "laptop", 90, "127.0.0.1"))
			.willReturn(new NewToken(LAPTOP, "wm_s3cr3t"));

		create(alice(), """
				{"name": "laptop", "expiresInDays": 90}""").andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/tokens/5"))
			.andExpect(jsonPath("$.id").value(5))
			.andExpect(jsonPath("$.token").value("wm_s3cr3t"))
			.andExpect(jsonPath("$.expiresAt").value("2026-04-01T00:00:00Z"));
	}

	@Test
	void aLifetimeLeftOutReachesIdentityAsNullForItsDefault() throws Exception {
		given(this.identity.createToken("alice", "ci", null, "127.0.0.1")).willReturn(new NewToken(LAPTOP, "wm_x"));

		create(alice(), """
				{"name": "ci"}""").andExpect(status().isCreated());

		verify(this.identity).createToken("alice", "ci", null, "127.0.0.1");
	}

	@Test
	void aBearerTokenCannotCreateAnotherToken() throws Exception {
		create(authentication(new TokenAuthentication(ALICE, 5)), """
				{"name": "forever", "expiresInDays": 365}""").andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value(endsWith("/password-required")));

		verify(this.identity, never()).createToken(anyString(), anyString(), any(), anyString());
	}

	@Test
	void aLifetimeOverTheLimitIsAProblemNamingTheField() throws Exception {
		given(this.identity.createToken("alice", "laptop", 9999, "127.0.0.1")).willThrow(new InvalidInputException(
				"invalid-expiry", "expiresInDays", "expiresInDays must be between 1 and 365."));

		create(alice(), """
				{"name": "laptop", "expiresInDays": 9999}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(endsWith("/invalid-expiry")))
			.andExpect(jsonPath("$.errors[0].field").value("expiresInDays"));
	}

	@Test
	void aLifetimeThatIsNoNumberIsAMalformedBodyProblem() throws Exception {
		create(alice(), """
				{"name": "laptop", "expiresInDays": "a year"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(endsWith("/malformed-body")));

		verify(this.identity, never()).createToken(anyString(), anyString(), any(), anyString());
	}

	@Test
	void tokensAreListedWithoutSecrets() throws Exception {
		given(this.identity.tokens("alice")).willReturn(List.of(LAPTOP));

		this.mvc.perform(get("/api/v1/tokens").with(alice()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].name").value("laptop"))
			.andExpect(jsonPath("$[0].expiresAt").value("2026-04-01T00:00:00Z"))
			.andExpect(jsonPath("$[0].token").doesNotExist());
	}

	@Test
	void anotherUsersTokenIsANotFoundProblem() throws Exception {
		given(this.identity.token("alice", 6))
			.willThrow(new NotFoundException("token-not-found", "You have no token with id 6."));

		this.mvc.perform(get("/api/v1/tokens/6").with(alice()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value(endsWith("/token-not-found")));
	}

	@Test
	void revokingAnswersNoContentAndAnUnknownTokenIsNotFound() throws Exception {
		willThrow(new NotFoundException("token-not-found", "You have no token with id 6.")).given(this.identity)
			.revokeToken("alice", 6, "127.0.0.1");

		this.mvc.perform(delete("/api/v1/tokens/5").with(alice()).with(csrf())).andExpect(status().isNoContent());
		this.mvc.perform(delete("/api/v1/tokens/6").with(alice()).with(csrf())).andExpect(status().isNotFound());

		verify(this.identity).revokeToken("alice", 5, "127.0.0.1");
	}

	private org.springframework.test.web.servlet.ResultActions create(RequestPostProcessor who, String json)
			throws Exception {
		return this.mvc.perform(
				post("/api/v1/tokens").with(who).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json));
	}

}
