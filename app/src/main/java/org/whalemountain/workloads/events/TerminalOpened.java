package org.whalemountain.workloads.events;

import java.time.Instant;

/** A user opened a shell in their container; what is typed there is never recorded. */
public record TerminalOpened(String owner, long id, String name, String sourceAddress, Instant at) {
}
