package org.whalemountain.registry.events;

import java.time.Instant;

/**
 * The token service refused credentials (a failed {@code docker login}, or a push with a
 * revoked or expired token).
 *
 * @param attemptedUsername what was sent, shortened and stripped of control characters
 * @param reason why, in words safe to show an admin (never the secret)
 */
public record RegistryLoginFailed(String attemptedUsername, String reason, String sourceAddress, Instant at) {
}
