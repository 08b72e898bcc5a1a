package org.whalemountain.identity;

import java.time.Instant;

/** A personal access token was revoked by its owner. */
public record TokenRevoked(String username, long tokenId, String tokenName, String sourceAddress, Instant at) {
}
