package org.whalemountain.registry.events;

import java.time.Instant;

/**
 * A user's runner got a new registry push credential; carries no secret.
 *
 * @param replacedPrevious whether an earlier credential stopped working with it
 */
public record RunnerCredentialIssued(String username, boolean replacedPrevious, Instant at) {
}
