package org.whalemountain.workloads;

import java.time.Instant;

/** A user launched a container; carries no environment, which may hold secrets. */
public record ContainerLaunched(String owner, long id, String name, String image, String engine,
		java.util.List<ContainerView.Port> ports, String sourceAddress, Instant at) {
}
