package org.whalemountain.workloads.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A container as the engine reports it now.
 *
 * @param ports the published ports with the host port the engine actually bound
 * @param networkIds ids of the networks the container is attached to
 * @param exitCode the last exit code, {@code null} while it never exited
 * @param startedAt {@code null} if it never started
 */
public record ContainerInfo(String id, String name, String image, ContainerStatus status, Map<String, String> labels,
		List<ContainerSpec.PortBinding> ports, List<String> networkIds, Integer exitCode, Instant startedAt) {

	public ContainerInfo {
		labels = Map.copyOf(labels);
		ports = List.copyOf(ports);
		networkIds = List.copyOf(networkIds);
	}

}
