package org.whalemountain.identity.tokens;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.whalemountain.identity.TokenAuthentication;
import org.whalemountain.identity.UserPrincipal;

/**
 * Checks a bearer secret against the stored hashes and loads its owner as last mirrored
 * from the directory, as long as the directory still has them.
 */
public class BearerTokenAuthenticationProvider implements AuthenticationProvider {

	private final TokenStore tokens;

	private final Function<String, Optional<UserPrincipal>> users;

	private final Clock clock;

	public BearerTokenAuthenticationProvider(TokenStore tokens, Function<String, Optional<UserPrincipal>> users,
			Clock clock) {
		this.tokens = tokens;
		this.users = users;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		var secret = (BearerTokenConverter.BearerSecret) authentication.getCredentials();
		TokenStore.Owner owner = this.tokens.ownerOf(TokenSecrets.hash(secret.value()))
			.orElseThrow(() -> new BadCredentialsException("The bearer token is not known or was revoked"));
		Instant now = this.clock.instant();
		if (!now.isBefore(owner.expiresAt())) {
			throw new CredentialsExpiredException("The bearer token expired at " + owner.expiresAt());
		}
		UserPrincipal user = this.users.apply(owner.username())
			.orElseThrow(() -> new DisabledException("The token's owner is no longer in the directory"));
		this.tokens.touch(owner.tokenId(), now);
		return new TokenAuthentication(user, owner.tokenId());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
