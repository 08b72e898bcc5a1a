package org.whalemountain.identity;

import java.time.Instant;

/**
 * A personal access token as its owner may see it: never the secret.
 *
 * @param lastUsedAt {@code null} until first used
 */
public record PersonalAccessToken(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
}
