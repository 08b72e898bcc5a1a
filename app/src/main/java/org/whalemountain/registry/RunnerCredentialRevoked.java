package org.whalemountain.registry;

import java.time.Instant;

/** A user's runner registry credential was revoked. */
public record RunnerCredentialRevoked(String username, Instant at) {
}
