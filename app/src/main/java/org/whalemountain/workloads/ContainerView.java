package org.whalemountain.workloads;

import java.time.Instant;
import java.util.List;

/**
 * A user's container as the API shows it; the environment is never shown again.
 *
 * @param status the live status from the engine, {@code MISSING} if it is gone there
 */
public record ContainerView(long id, String name, String image, String engine, String containerId, String networkId,
		String status, List<Port> ports, Instant createdAt) {

	public ContainerView {
		ports = List.copyOf(ports);
	}

	/** A guest port and the host port it is published on. */
	public record Port(int guest, int host) {
	}

}
