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
 * Turns a {@link ContainerSpec} and its {@link DockerPlacement} into a Docker
 * create-container request. Pure: it only fills the command it is given, so that what the
 * service asks dockerd for can be checked without one. Never privileged, whatever the
 * spec says; a missing resources, lifecycle or security part means none,
 * {@code RUN_ONCE}, and {@link ContainerSpec.Security#HARDENED}. Every container logs to
 * rotated {@code json-file}s, whatever dockerd's default driver.
 */
final class DockerCreateCommands {

	/** Docker's spelling; {@code no-new-privileges:true} would mean the same. */
	static final String NO_NEW_PRIVILEGES = "no-new-privileges";

	/** Docker's option for running without a seccomp filter. */
	static final String SECCOMP_UNCONFINED = "seccomp=unconfined";

	private DockerCreateCommands() {
	}

	static CreateContainerCmd fill(CreateContainerCmd command, ContainerSpec spec, DockerPlacement placement) {
		command.withName(spec.name())
			.withLabels(spec.labels())
			.withEnv(spec.env())
			.withExposedPorts(exposedPorts(spec))
			.withHostConfig(hostConfig(spec, placement).withLogConfig(logConfig(placement.logs())));
		if (!spec.command().isEmpty()) {
			command.withCmd(spec.command());
		}
		if (spec.runAs() != null) {
			command.withUser(spec.runAs().uid() + ":" + spec.runAs().gid());
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

	static HostConfig hostConfig(ContainerSpec spec, DockerPlacement placement) {
		HostConfig host = HostConfig.newHostConfig()
			.withPrivileged(false)
			.withPortBindings(portBindings(spec.ports(), placement.publishAddress()))
			.withMounts(mounts(spec.volumes(), placement.hostPaths()))
			.withRestartPolicy(restartPolicy(spec.lifecycle()));
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
		if (placement.network() != null && !placement.network().isBlank()) {
			host.withNetworkMode(placement.network());
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

	/** Every port on the one address this Docker host publishes on. */
	static Ports portBindings(List<ContainerSpec.Port> ports, String address) {
		Ports bindings = new Ports();
		for (ContainerSpec.Port port : ports) {
			bindings.bind(ExposedPort.tcp(port.guestPort()), binding(address, port.publicPort()));
		}
		return bindings;
	}

	private static Ports.Binding binding(String address, int hostPort) {
		boolean anyAddress = address == null || address.isBlank();
		if (hostPort == 0) {
			return anyAddress ? Ports.Binding.empty() : Ports.Binding.bindIp(address);
		}
		return anyAddress ? Ports.Binding.bindPort(hostPort) : Ports.Binding.bindIpAndPort(address, hostPort);
	}

	/**
	 * Mounts rather than the older binds: a missing host path fails the create instead of
	 * being created by dockerd as an empty root-owned directory.
	 * @throws IllegalArgumentException for a volume whose host path was not resolved
	 */
	static List<Mount> mounts(List<ContainerSpec.Volume> volumes, Map<ContainerSpec.VolumeSource, String> hostPaths) {
		return volumes.stream().map((volume) -> {
			String source = hostPaths.get(volume.source());
			if (source == null) {
				throw new IllegalArgumentException("No host path for the " + volume.source() + " volume");
			}
			return new Mount().withType(MountType.BIND)
				.withSource(source)
				.withTarget(volume.containerPath())
				.withReadOnly(volume.readOnly());
		}).toList();
	}

	/**
	 * A container that keeps running comes back after a crash and after dockerd restarts,
	 * but not after the service stopped it.
	 */
	static RestartPolicy restartPolicy(ContainerSpec.Lifecycle lifecycle) {
		return (lifecycle == ContainerSpec.Lifecycle.KEEP_RUNNING) ? RestartPolicy.unlessStoppedRestart()
				: RestartPolicy.noRestart();
	}

	static List<String> securityOptions(ContainerSpec.Security security) {
		List<String> options = new ArrayList<>();
		if (security.noNewPrivileges()) {
			options.add(NO_NEW_PRIVILEGES);
		}
		if (security.syscalls() == ContainerSpec.SyscallFilter.UNCONFINED) {
			options.add(SECCOMP_UNCONFINED);
		}
		return options;
	}

}
