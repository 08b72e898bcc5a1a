package org.whalemountain.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.whalemountain.identity.Identity;
import org.whalemountain.identity.NewToken;
import org.whalemountain.identity.PersonalAccessToken;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.identity.TokenAuthentication;
import org.whalemountain.platform.ForbiddenException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Personal access tokens")
class TokensController {

	private final Identity identity;

	TokensController(Identity identity) {
		this.identity = identity;
	}

	@PostMapping("/api/v1/tokens")
	@Operation(
			summary = "Create a token (HTTP Basic with the LDAP password, or a console session); the secret is shown once")
	ResponseEntity<CreatedToken> create(@RequestBody CreateTokenRequest request, Authentication authentication,
			HttpServletRequest http) {
		if (authentication instanceof TokenAuthentication) {
			// a leaked token must not be able to extend its own life
			throw new ForbiddenException("password-required",
					"Creating a token needs your password (HTTP Basic) or a console session, not another token.");
		}
		UserPrincipal user = (UserPrincipal) authentication.getPrincipal();
		NewToken created = this.identity.createToken(user.username(), request.name(), request.expiresInDays(),
				http.getRemoteAddr());
		PersonalAccessToken token = created.token();
		return ResponseEntity.created(URI.create("/api/v1/tokens/" + token.id()))
			.body(new CreatedToken(token.id(), token.name(), created.secret(), token.createdAt(), token.expiresAt()));
	}

	@GetMapping("/api/v1/tokens")
	@Operation(summary = "The caller's tokens, newest first, without secrets")
	List<PersonalAccessToken> list(@AuthenticationPrincipal UserPrincipal user) {
		return this.identity.tokens(user.username());
	}

	@GetMapping("/api/v1/tokens/{id}")
	@Operation(summary = "One of the caller's tokens, without its secret")
	PersonalAccessToken get(@PathVariable long id, @AuthenticationPrincipal UserPrincipal user) {
		return this.identity.token(user.username(), id);
	}

	@DeleteMapping("/api/v1/tokens/{id}")
	@Operation(summary = "Revoke one of the caller's tokens")
	ResponseEntity<Void> revoke(@PathVariable long id, @AuthenticationPrincipal UserPrincipal user,
			HttpServletRequest http) {
		this.identity.revokeToken(user.username(), id, http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	record CreateTokenRequest(String name, Integer expiresInDays) {
	}

	record CreatedToken(long id, String name, String token, Instant createdAt, Instant expiresAt) {
	}

}
