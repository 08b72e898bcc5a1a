package org.whalemountain.workloads.launch;

import org.whalemountain.workloads.ContainerView;
import org.whalemountain.workloads.WorkloadsProperties;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.EngineLabels;
import org.whalemountain.workloads.store.ContainerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The create-container spec of a lent container: a pure function, so that the security
 * model (never privileged, no-new-privileges, limits, no volume but the user's own home,
 * kept with the owner's other containers, only the reserved public ports) can be checked
 * without an engine.
 */
public final class LendingSpecs {

	private LendingSpecs() {
	}

	/**
	 * The container's name on the engine, {@code <owner>-<name>}, with each hyphen of the
	 * name written as {@code _}. Usernames and names may both hold hyphens, so the plain
	 * join would give user {@code a}'s {@code b-web} and user {@code a-b}'s {@code web}
	 * the same name, and the first could take it from the second. Written this way the
	 * last hyphen always ends the owner, so no two (owner, name) pairs share a name.
	 * @param name a checked name: lower-case letters, digits and hyphens, never {@code _}
	 */
	static String containerName(String owner, String name) {
		return owner + "-" + name.replace('-', '_');
	}

	static ContainerSpec spec(ContainerRecord row, List<String> command, List<String> env,
			List<ContainerView.Port> ports, WorkloadsProperties properties) {
		return spec(row, command, env, ports, properties, null);
	}

	/**
	 * With a home volume the process runs as the user's uid:gid with {@code HOME} set, so
	 * that what it writes there belongs to the user; without one there is no volume at
	 * all.
	 */
	static ContainerSpec spec(ContainerRecord row, List<String> command, List<String> env,
			List<ContainerView.Port> ports, WorkloadsProperties properties, HomeMount home) {
		List<String> environment = new ArrayList<>(env);
		List<ContainerSpec.Volume> volumes = List.of();
		ContainerSpec.RunAs runAs = null;
		if (home != null) {
			environment.removeIf((entry) -> entry.startsWith("HOME="));
			environment.add("HOME=" + home.containerPath());
			volumes = List
				.of(new ContainerSpec.Volume(ContainerSpec.VolumeSource.OWNER_HOME, home.containerPath(), false));
			runAs = home.runAs();
		}
		List<ContainerSpec.Port> published = ports.stream()
			.map((p) -> new ContainerSpec.Port(p.guest(), p.host()))
			.toList();
		return new ContainerSpec(row.name(), row.image(), command, environment, published,
				Map.of(EngineLabels.KIND_LABEL, EngineLabels.CONTAINER_KIND, EngineLabels.OWNER_LABEL, row.owner(),
						EngineLabels.ID_LABEL, String.valueOf(row.id())),
				row.owner(), volumes,
				new ContainerSpec.Resources(properties.nanoCpus(), properties.memoryBytes(), properties.pids()),
				ContainerSpec.Security.HARDENED, runAs, ContainerSpec.Lifecycle.RUN_ONCE, List.of());
	}

}
