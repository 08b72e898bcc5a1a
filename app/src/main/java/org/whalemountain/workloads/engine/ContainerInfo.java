package org.whalemountain.workloads.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A container as the engine reports it now.
 *
 * @param state where it is in its life
 * @param reason why it is {@link ContainerState#FAILED}, or what a
 * {@link ContainerState#PENDING} one waits for when the engine says, in the service's
 * words; else {@code null}
 * @param pullPercent how much of the image is pulled while {@link ContainerState#PENDING}
 * for a pull, else {@code null}
 * @param endpoints how its guest ports are reached, on the ports the engine actually
 * bound
 * @param exitCode the last exit code, {@code null} while it never exited
 * @param startedAt {@code null} if it never started
 */
public record ContainerInfo(String id, String name, String image, ContainerState state, String reason,
		Integer pullPercent, Map<String, String> labels, List<Endpoint> endpoints, Integer exitCode,
		Instant startedAt) {

	public ContainerInfo {
		labels = Map.copyOf(labels);
		endpoints = List.copyOf(endpoints);
	}

}
