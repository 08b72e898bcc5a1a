package org.whalemountain.workloads.docker;

import java.util.Map;

import org.whalemountain.workloads.engine.ContainerSpec;

/**
 * Where on this Docker host a spec lands: what the spec leaves to the engine, resolved
 * before the create request is computed, so that {@link DockerCreateCommands} stays pure.
 *
 * @param network the owner's bridge network to join, or {@code null} for Docker's default
 * @param publishAddress the host address every published port binds to
 * @param hostPaths the host directory or socket behind each volume source the spec names
 * @param logs log rotation of every container
 */
record DockerPlacement(String network, String publishAddress, Map<ContainerSpec.VolumeSource, String> hostPaths,
		DockerProperties.Logs logs) {

	DockerPlacement {
		hostPaths = Map.copyOf(hostPaths);
	}

}
