package org.whalemountain.registry.events;

import java.time.Instant;

/** A user's runner registry credential was revoked. */
public record RunnerCredentialRevoked(String username, Instant at) {
}
