package org.whalemountain.workloads.events;

import java.time.Instant;

/** A user started their stopped container. */
public record ContainerStarted(String owner, long id, String name, String sourceAddress, Instant at) {
}
