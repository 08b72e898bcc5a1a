package org.whalemountain.audit;

import java.time.Instant;

/**
 * One recorded action.
 *
 * @param actor the username, or what was typed for a failed login
 * @param action a stable verb such as {@code login}, {@code token.create}
 * @param target what it was done to, may be {@code null}
 * @param sourceAddress the client address, may be {@code null}
 * @param detail free text, never a secret
 */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String target, String sourceAddress,
		String detail) {
}
