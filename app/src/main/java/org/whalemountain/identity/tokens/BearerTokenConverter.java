package org.whalemountain.identity.tokens;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads {@code Authorization: Bearer wm_…}. Answers {@code null} for any other scheme, so
 * that Basic authentication still gets its turn.
 */
public class BearerTokenConverter implements AuthenticationConverter {

	private static final String SCHEME = "bearer ";

	@Override
	public Authentication convert(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return null;
		}
		String secret = header.substring(SCHEME.length()).trim();
		if (secret.isEmpty()) {
			throw new BadCredentialsException("The bearer token is empty");
		}
		return UsernamePasswordAuthenticationToken.unauthenticated(null, new BearerSecret(secret));
	}

	/** Wraps the secret so that it never shows in a {@code toString()}. */
	public record BearerSecret(String value) {

		@Override
		public String toString() {
			return "****";
		}

	}

}
