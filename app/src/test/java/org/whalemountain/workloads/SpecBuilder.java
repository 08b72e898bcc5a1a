package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.ContainerSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link ContainerSpec} step by step for engine tests; what is not set is what a
 * caller would usually choose: no owner, ports, volumes, files or limits, run once,
 * hardened.
 */
public final class SpecBuilder {

	private final String name;

	private String image;

	private List<String> command;

	private final List<String> env = new ArrayList<>();

	private final List<ContainerSpec.Port> ports = new ArrayList<>();

	private final Map<String, String> labels = new HashMap<>();

	private String owner;

	private final List<ContainerSpec.Volume> volumes = new ArrayList<>();

	private ContainerSpec.Resources resources = ContainerSpec.Resources.NONE;

	private ContainerSpec.Lifecycle lifecycle = ContainerSpec.Lifecycle.RUN_ONCE;

	private ContainerSpec.Security security = ContainerSpec.Security.HARDENED;

	private ContainerSpec.RunAs runAs;

	private final List<ContainerSpec.SeedFile> files = new ArrayList<>();

	public SpecBuilder(String name, String image, List<String> command) {
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

	/**
	 * @param publicPort 0 lets the engine choose
	 */
	public SpecBuilder port(int guestPort, int publicPort) {
		this.ports.add(new ContainerSpec.Port(guestPort, publicPort));
		return this;
	}

	public SpecBuilder label(String key, String value) {
		this.labels.put(key, value);
		return this;
	}

	public SpecBuilder owner(String owner) {
		this.owner = owner;
		return this;
	}

	public SpecBuilder volume(ContainerSpec.VolumeSource source, String containerPath, boolean readOnly) {
		this.volumes.add(new ContainerSpec.Volume(source, containerPath, readOnly));
		return this;
	}

	public SpecBuilder resources(ContainerSpec.Resources resources) {
		this.resources = resources;
		return this;
	}

	public SpecBuilder lifecycle(ContainerSpec.Lifecycle lifecycle) {
		this.lifecycle = lifecycle;
		return this;
	}

	public SpecBuilder security(ContainerSpec.Security security) {
		this.security = security;
		return this;
	}

	public SpecBuilder runAs(int uid, int gid) {
		this.runAs = new ContainerSpec.RunAs(uid, gid);
		return this;
	}

	public SpecBuilder file(String path, String content, int mode) {
		this.files
			.add(new ContainerSpec.SeedFile(path, content.getBytes(java.nio.charset.StandardCharsets.UTF_8), mode));
		return this;
	}

	public ContainerSpec build() {
		return new ContainerSpec(this.name, this.image, this.command, this.env, this.ports, this.labels, this.owner,
				this.volumes, this.resources, this.security, this.runAs, this.lifecycle, this.files);
	}

}
