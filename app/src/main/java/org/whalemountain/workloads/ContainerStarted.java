package org.whalemountain.workloads;

import java.time.Instant;

/** A user started their stopped container. */
public record ContainerStarted(String owner, long id, String name, String sourceAddress, Instant at) {
}
