package org.whalemountain.identity;

import java.time.Instant;

/**
 * A login was refused.
 *
 * @param attemptedUsername what was typed, shortened and stripped of control characters
 * @param reason why, in words safe to show an admin (never the password)
 */
public record LoginFailed(String attemptedUsername, String reason, String sourceAddress, Instant at) {
}
