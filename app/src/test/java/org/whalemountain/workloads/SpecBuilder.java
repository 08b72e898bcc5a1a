package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.ContainerSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link ContainerSpec} step by step for engine tests; what is not set is what a
 * caller would usually choose: no ports, mounts or limits, no restart, hardened.
 */
public final class SpecBuilder {

	private final String name;

	private String image;

	private List<String> command;

	private final List<String> env = new ArrayList<>();

	private final List<ContainerSpec.PortBinding> ports = new ArrayList<>();

	private final Map<String, String> labels = new HashMap<>();

	private String network;

	private final List<ContainerSpec.Mount> mounts = new ArrayList<>();

	private ContainerSpec.Resources resources = ContainerSpec.Resources.NONE;

	private ContainerSpec.RestartPolicy restart = ContainerSpec.RestartPolicy.NO;

	private ContainerSpec.Security security = ContainerSpec.Security.HARDENED;

	private String user;

	SpecBuilder(String name, String image, List<String> command) {
		this.name = name;
		this.image = image;
		this.command = command;
	}

	public SpecBuilder image(String image) {
		this.image = image;
		return this;
	}

	public SpecBuilder command(String... command) {
		this.command = List.of(command);
		return this;
	}

	public SpecBuilder env(String entry) {
		this.env.add(entry);
		return this;
	}

	public SpecBuilder port(int guestPort, String hostAddress, int hostPort) {
		this.ports.add(new ContainerSpec.PortBinding(guestPort, hostAddress, hostPort));
		return this;
	}

	public SpecBuilder label(String key, String value) {
		this.labels.put(key, value);
		return this;
	}

	public SpecBuilder network(String network) {
		this.network = network;
		return this;
	}

	public SpecBuilder mount(String hostPath, String containerPath, boolean readOnly) {
		this.mounts.add(new ContainerSpec.Mount(hostPath, containerPath, readOnly));
		return this;
	}

	public SpecBuilder resources(ContainerSpec.Resources resources) {
		this.resources = resources;
		return this;
	}

	public SpecBuilder restart(ContainerSpec.RestartPolicy restart) {
		this.restart = restart;
		return this;
	}

	public SpecBuilder security(ContainerSpec.Security security) {
		this.security = security;
		return this;
	}

	public SpecBuilder user(String user) {
		this.user = user;
		return this;
	}

	public ContainerSpec build() {
		return new ContainerSpec(this.name, this.image, this.command, this.env, this.ports, this.labels, this.network,
				this.mounts, this.resources, this.restart, this.security, this.user);
	}

}
