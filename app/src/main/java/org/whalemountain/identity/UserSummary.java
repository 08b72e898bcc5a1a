package org.whalemountain.identity;

import java.time.Instant;

/** A known user, for the admin pages. */
public record UserSummary(UserPrincipal user, Instant firstLoginAt, Instant lastLoginAt) {
}
