package org.whalemountain.workloads.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;

import org.whalemountain.workloads.engine.ContainerSpec;

/**
 * Turns a {@link ContainerSpec} into a Docker create-container request. Pure: it only
 * fills the command it is given, so that what the service asks dockerd for can be checked
 * without one. Never privileged, whatever the spec says; a missing resources, restart or
 * security part means none, {@code no}, and {@link ContainerSpec.Security#HARDENED}.
 * Every container logs to rotated {@code json-file}s, whatever dockerd's default driver.
 */
final class DockerCreateCommands {

	/** Docker's spelling; {@code no-new-privileges:true} would mean the same. */
	static final String NO_NEW_PRIVILEGES = "no-new-privileges";

	private DockerCreateCommands() {
	}

	static CreateContainerCmd fill(CreateContainerCmd command, ContainerSpec spec, DockerProperties.Logs logs) {
		command.withName(spec.name())
			.withLabels(spec.labels())
			.withEnv(spec.env())
			.withExposedPorts(exposedPorts(spec))
			.withHostConfig(hostConfig(spec).withLogConfig(logConfig(logs)));
		if (!spec.command().isEmpty()) {
			command.withCmd(spec.command());
		}
		if (spec.user() != null && !spec.user().isBlank()) {
			command.withUser(spec.user());
		}
		return command;
	}

	/**
	 * Docker publishes a port binding only if the port is also exposed; the CLI does this
	 * for {@code -p} behind the scenes.
	 */
	static List<ExposedPort> exposedPorts(ContainerSpec spec) {
		return spec.ports().stream().map((port) -> ExposedPort.tcp(port.guestPort())).distinct().toList();
	}

	static HostConfig hostConfig(ContainerSpec spec) {
		HostConfig host = HostConfig.newHostConfig()
			.withPrivileged(false)
			.withPortBindings(portBindings(spec.ports()))
			.withMounts(mounts(spec.mounts()))
			.withRestartPolicy(restartPolicy(spec.restart()));
		ContainerSpec.Resources resources = (spec.resources() != null) ? spec.resources()
				: ContainerSpec.Resources.NONE;
		if (resources.nanoCpus() > 0) {
			host.withNanoCPUs(resources.nanoCpus());
		}
		if (resources.memoryBytes() > 0) {
			host.withMemory(resources.memoryBytes());
		}
		if (resources.pidsLimit() > 0) {
			host.withPidsLimit(resources.pidsLimit());
		}
		ContainerSpec.Security security = (spec.security() != null) ? spec.security() : ContainerSpec.Security.HARDENED;
		host.withSecurityOpts(securityOptions(security));
		if (security.dropAllCapabilities()) {
			host.withCapDrop(Capability.ALL);
		}
		if (spec.network() != null && !spec.network().isBlank()) {
			host.withNetworkMode(spec.network());
		}
		return host;
	}

	/**
	 * {@code json-file}, which {@code docker logs} and the service's log view read, with
	 * Docker's own size notation ({@code 10m} is 10 MiB, as Spring's {@code 10MB}).
	 */
	static LogConfig logConfig(DockerProperties.Logs logs) {
		return new LogConfig(LogConfig.LoggingType.JSON_FILE,
				Map.of("max-size", size(logs.maxSize().toBytes()), "max-file", String.valueOf(logs.maxFiles())));
	}

	static String size(long bytes) {
		if (bytes % (1L << 30) == 0) {
			return (bytes >> 30) + "g";
		}
		if (bytes % (1L << 20) == 0) {
			return (bytes >> 20) + "m";
		}
		if (bytes % (1L << 10) == 0) {
			return (bytes >> 10) + "k";
		}
		return String.valueOf(bytes);
	}

	static Ports portBindings(List<ContainerSpec.PortBinding> ports) {
		Ports bindings = new Ports();
		for (ContainerSpec.PortBinding port : ports) {
			bindings.bind(ExposedPort.tcp(port.guestPort()), binding(port));
		}
		return bindings;
	}

	private static Ports.Binding binding(ContainerSpec.PortBinding port) {
		boolean anyAddress = port.hostAddress() == null || port.hostAddress().isBlank();
		if (port.hostPort() == 0) {
			return anyAddress ? Ports.Binding.empty() : Ports.Binding.bindIp(port.hostAddress());
		}
		return anyAddress ? Ports.Binding.bindPort(port.hostPort())
				: Ports.Binding.bindIpAndPort(port.hostAddress(), port.hostPort());
	}

	/**
	 * Mounts rather than the older binds: a missing host path fails the create instead of
	 * being created by dockerd as an empty root-owned directory.
	 */
	static List<Mount> mounts(List<ContainerSpec.Mount> mounts) {
		return mounts.stream()
			.map((mount) -> new Mount().withType(MountType.BIND)
				.withSource(mount.hostPath())
				.withTarget(mount.containerPath())
				.withReadOnly(mount.readOnly()))
			.toList();
	}

	static RestartPolicy restartPolicy(ContainerSpec.RestartPolicy restart) {
		if (restart == null) {
			return RestartPolicy.noRestart();
		}
		return switch (restart) {
			case NO -> RestartPolicy.noRestart();
			// 0 retries means no limit to Docker; the caller decides with stop or remove
			case ON_FAILURE -> RestartPolicy.onFailureRestart(0);
			case UNLESS_STOPPED -> RestartPolicy.unlessStoppedRestart();
			case ALWAYS -> RestartPolicy.alwaysRestart();
		};
	}

	static List<String> securityOptions(ContainerSpec.Security security) {
		List<String> options = new ArrayList<>();
		if (security.noNewPrivileges()) {
			options.add(NO_NEW_PRIVILEGES);
		}
		security.securityOptions().stream().filter((option) -> !options.contains(option)).forEach(options::add);
		return options;
	}

}
