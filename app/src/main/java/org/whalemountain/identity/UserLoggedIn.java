package org.whalemountain.identity;

import java.time.Instant;

/** A user proved their password (console form or HTTP Basic). */
public record UserLoggedIn(String username, String sourceAddress, Instant at) {
}
