package org.whalemountain.workloads.events;

import org.whalemountain.workloads.TerminalEnd;

import java.time.Duration;
import java.time.Instant;

/** A user's shell in their container ended, after being open for {@code duration}. */
public record TerminalClosed(String owner, long id, String name, TerminalEnd end, Duration duration,
		String sourceAddress, Instant at) {
}
