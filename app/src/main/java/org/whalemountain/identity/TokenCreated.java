package org.whalemountain.identity;

import java.time.Instant;

/** A personal access token was created; carries no secret. */
public record TokenCreated(String username, long tokenId, String tokenName, Instant expiresAt, String sourceAddress,
		Instant at) {
}
