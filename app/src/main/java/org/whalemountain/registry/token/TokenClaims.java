package org.whalemountain.registry.token;

import java.time.Instant;
import java.util.List;

/**
 * What a registry token says: who it is for, which registry may accept it, until when,
 * and the access it grants.
 *
 * @param issuer must equal the registry's {@code auth.token.issuer}
 * @param subject the user (or the service itself)
 * @param audience must equal the registry's {@code auth.token.service}
 * @param issuedAt also the token's {@code nbf}
 * @param expiresAt {@code exp}
 * @param jwtId a unique id ({@code jti})
 * @param access what the bearer may do; empty for a token that only proves a login
 */
public record TokenClaims(String issuer, String subject, String audience, Instant issuedAt, Instant expiresAt,
		String jwtId, List<Access> access) {

	public TokenClaims {
		access = List.copyOf(access);
	}

}
