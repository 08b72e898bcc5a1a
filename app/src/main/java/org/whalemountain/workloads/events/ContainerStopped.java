package org.whalemountain.workloads.events;

import java.time.Instant;

/** A user stopped their container. */
public record ContainerStopped(String owner, long id, String name, String sourceAddress, Instant at) {
}
