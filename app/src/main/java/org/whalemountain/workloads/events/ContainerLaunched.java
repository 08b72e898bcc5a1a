package org.whalemountain.workloads.events;

import org.whalemountain.workloads.ContainerView;

import java.time.Instant;

/** A user launched a container; carries no environment, which may hold secrets. */
public record ContainerLaunched(String owner, long id, String name, String image, String engine,
		java.util.List<ContainerView.Port> ports, String sourceAddress, Instant at) {
}
