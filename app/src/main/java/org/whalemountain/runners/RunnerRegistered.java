package org.whalemountain.runners;

import java.time.Instant;

/** A user registered (or replaced) their runner; carries no secret. */
public record RunnerRegistered(String username, String project, Long gitlabRunnerId, boolean createdByService,
		String sourceAddress, Instant at) {
}
