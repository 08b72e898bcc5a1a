package org.whalemountain.runners;

import java.time.Instant;

/** A user removed their runner. */
public record RunnerUnregistered(String username, String project, Long gitlabRunnerId, String sourceAddress,
		Instant at) {
}
