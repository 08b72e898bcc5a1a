package org.whalemountain.workloads.docker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;

import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.ContainerStatus;

/** Reads a {@code docker inspect} answer as a {@link ContainerInfo}. Pure. */
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
		return new ContainerInfo(inspected.getId(), name(inspected.getName()), inspected.getConfig().getImage(),
				status(state.getStatus()), labels, ports(inspected), networkIds(inspected), exitCode,
				instant(state.getStartedAt()));
	}

	static ContainerStatus status(String dockerStatus) {
		if (dockerStatus == null) {
			return ContainerStatus.UNKNOWN;
		}
		return switch (dockerStatus) {
			case "created" -> ContainerStatus.CREATED;
			case "running" -> ContainerStatus.RUNNING;
			case "paused" -> ContainerStatus.PAUSED;
			case "restarting" -> ContainerStatus.RESTARTING;
			case "exited" -> ContainerStatus.EXITED;
			case "dead" -> ContainerStatus.DEAD;
			default -> ContainerStatus.UNKNOWN;
		};
	}

	/**
	 * The ports dockerd actually bound while the container runs; before it starts and
	 * after it stops only the requested ones exist (host port 0 when dockerd chooses).
	 */
	private static List<ContainerSpec.PortBinding> ports(InspectContainerResponse inspected) {
		Ports bound = (inspected.getNetworkSettings() != null) ? inspected.getNetworkSettings().getPorts() : null;
		List<ContainerSpec.PortBinding> ports = bindings(bound);
		if (ports.isEmpty() && inspected.getHostConfig() != null) {
			ports = bindings(inspected.getHostConfig().getPortBindings());
		}
		return ports;
	}

	private static List<ContainerSpec.PortBinding> bindings(Ports ports) {
		List<ContainerSpec.PortBinding> result = new ArrayList<>();
		if (ports == null) {
			return result;
		}
		for (Map.Entry<ExposedPort, Ports.Binding[]> entry : ports.getBindings().entrySet()) {
			if (entry.getValue() == null) {
				continue;
			}
			for (Ports.Binding binding : entry.getValue()) {
				result.add(new ContainerSpec.PortBinding(entry.getKey().getPort(), binding.getHostIp(),
						hostPort(binding.getHostPortSpec())));
			}
		}
		result.sort(Comparator.comparingInt(ContainerSpec.PortBinding::guestPort)
			.thenComparing(ContainerSpec.PortBinding::hostAddress, Comparator.nullsFirst(Comparator.naturalOrder())));
		return result;
	}

	private static int hostPort(String spec) {
		return (spec == null || spec.isBlank()) ? 0 : Integer.parseInt(spec);
	}

	/** A created container's endpoints have no network id yet; they get one at start. */
	private static List<String> networkIds(InspectContainerResponse inspected) {
		if (inspected.getNetworkSettings() == null || inspected.getNetworkSettings().getNetworks() == null) {
			return List.of();
		}
		return inspected.getNetworkSettings()
			.getNetworks()
			.values()
			.stream()
			.map(ContainerNetwork::getNetworkID)
			.filter(Objects::nonNull)
			.filter((id) -> !id.isBlank())
			.sorted()
			.toList();
	}

	private static String name(String dockerName) {
		return (dockerName != null && dockerName.startsWith("/")) ? dockerName.substring(1) : dockerName;
	}

	private static Instant instant(String time) {
		return (time == null || time.isBlank() || NEVER.equals(time)) ? null : Instant.parse(time);
	}

}
