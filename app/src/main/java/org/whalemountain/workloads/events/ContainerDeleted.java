package org.whalemountain.workloads.events;

import java.time.Instant;

/** A user deleted their container; its host ports are free again. */
public record ContainerDeleted(String owner, long id, String name, String sourceAddress, Instant at) {
}
