package org.whalemountain.workloads.docker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;

import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerState;
import org.whalemountain.workloads.engine.Endpoint;

/**
 * Reads a {@code docker inspect} answer as a {@link ContainerInfo}, Docker's states in
 * the port's words. Pure.
 */
final class DockerContainerInfos {

	/** Go's zero time, which dockerd reports for "never". */
	private static final String NEVER = "0001-01-01T00:00:00Z";

	private DockerContainerInfos() {
	}

	static ContainerInfo from(InspectContainerResponse inspected) {
		InspectContainerResponse.ContainerState state = inspected.getState();
		Map<String, String> labels = (inspected.getConfig().getLabels() != null) ? inspected.getConfig().getLabels()
				: Map.of();
		boolean finished = state.getFinishedAt() != null && !NEVER.equals(state.getFinishedAt());
		Integer exitCode = (finished && state.getExitCodeLong() != null) ? state.getExitCodeLong().intValue() : null;
		ContainerState neutral = state(state.getStatus());
		return new ContainerInfo(inspected.getId(), name(inspected.getName()), inspected.getConfig().getImage(),
				neutral, (neutral == ContainerState.FAILED) ? reason(state.getStatus(), exitCode) : null, null, labels,
				ports(inspected), exitCode, instant(state.getStartedAt()));
	}

	/**
	 * Created (not started yet) is pending, paused and exited are stopped, restarting (it
	 * exited and comes back) and dead are failed.
	 */
	static ContainerState state(String dockerStatus) {
		if (dockerStatus == null) {
			return ContainerState.FAILED;
		}
		return switch (dockerStatus) {
			case "created" -> ContainerState.PENDING;
			case "running" -> ContainerState.RUNNING;
			case "paused", "exited", "removing" -> ContainerState.STOPPED;
			default -> ContainerState.FAILED;
		};
	}

	static String reason(String dockerStatus, Integer exitCode) {
		if ("restarting".equals(dockerStatus)) {
			return "The container keeps exiting" + ((exitCode != null) ? " (last exit code " + exitCode + ")" : "")
					+ " and the engine is starting it again.";
		}
		return "The engine cannot run the container any more; delete it and launch it again.";
	}

	/**
	 * The ports dockerd actually bound while the container runs; before it starts and
	 * after it stops only the requested ones exist (host port 0 when dockerd chooses).
	 */
	private static List<Endpoint> ports(InspectContainerResponse inspected) {
		Ports bound = (inspected.getNetworkSettings() != null) ? inspected.getNetworkSettings().getPorts() : null;
		List<Endpoint> ports = bindings(bound);
		if (ports.isEmpty() && inspected.getHostConfig() != null) {
			ports = bindings(inspected.getHostConfig().getPortBindings());
		}
		return ports;
	}

	private static List<Endpoint> bindings(Ports ports) {
		List<Endpoint> result = new ArrayList<>();
		if (ports == null) {
			return result;
		}
		for (Map.Entry<ExposedPort, Ports.Binding[]> entry : ports.getBindings().entrySet()) {
			if (entry.getValue() == null) {
				continue;
			}
			for (Ports.Binding binding : entry.getValue()) {
				result.add(Endpoint.published(entry.getKey().getPort(), binding.getHostIp(),
						hostPort(binding.getHostPortSpec())));
			}
		}
		result.sort(Comparator.comparingInt(Endpoint::guestPort)
			.thenComparing(Endpoint::host, Comparator.nullsFirst(Comparator.naturalOrder())));
		return result;
	}

	private static int hostPort(String spec) {
		return (spec == null || spec.isBlank()) ? 0 : Integer.parseInt(spec);
	}

	private static String name(String dockerName) {
		return (dockerName != null && dockerName.startsWith("/")) ? dockerName.substring(1) : dockerName;
	}

	private static Instant instant(String time) {
		return (time == null || time.isBlank() || NEVER.equals(time)) ? null : Instant.parse(time);
	}

}
