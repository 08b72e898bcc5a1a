package org.whalemountain.workloads.engine;

import java.util.List;
import java.util.Map;

/**
 * What to create. Never privileged: there is no way to ask for it.
 *
 * @param name the container's name, unique on the engine
 * @param image a reference the engine has ({@code registry/owner/repo:tag})
 * @param command arguments replacing the image's CMD, or empty for the image's own
 * @param env {@code NAME=value} entries
 * @param ports guest ports published on a host address
 * @param labels owner, kind and id labels used to find the container again
 * @param network the network to join, or {@code null} for the engine's default
 * @param mounts host paths bound into the container
 * @param resources CPU, memory and process limits
 * @param restart what the engine does when the container exits
 * @param security hardening beyond "not privileged"
 * @param user {@code uid:gid} to run as, or {@code null} for the image's user
 */
public record ContainerSpec(String name, String image, List<String> command, List<String> env, List<PortBinding> ports,
		Map<String, String> labels, String network, List<Mount> mounts, Resources resources, RestartPolicy restart,
		Security security, String user) {

	public ContainerSpec {
		command = List.copyOf(command);
		env = List.copyOf(env);
		ports = List.copyOf(ports);
		labels = Map.copyOf(labels);
		mounts = List.copyOf(mounts);
	}

	/**
	 * A guest port published on the host.
	 *
	 * @param hostPort 0 lets the engine choose
	 */
	public record PortBinding(int guestPort, String hostAddress, int hostPort) {
	}

	/** A host path bound into the container. */
	public record Mount(String hostPath, String containerPath, boolean readOnly) {
	}

	/**
	 * @param nanoCpus CPU limit in billionths of a CPU (1.5 CPUs = 1_500_000_000), 0 for
	 * none
	 * @param memoryBytes memory limit, 0 for none
	 * @param pidsLimit process limit, 0 for none
	 */
	public record Resources(long nanoCpus, long memoryBytes, long pidsLimit) {

		public static final Resources NONE = new Resources(0, 0, 0);

	}

	/** What happens when the container's process exits. */
	public enum RestartPolicy {

		NO, ON_FAILURE, UNLESS_STOPPED, ALWAYS

	}

	/**
	 * @param noNewPrivileges set {@code no-new-privileges}
	 * @param dropAllCapabilities drop every Linux capability
	 * @param securityOptions further engine options such as {@code seccomp=unconfined};
	 * empty for none
	 */
	public record Security(boolean noNewPrivileges, boolean dropAllCapabilities, List<String> securityOptions) {

		public static final Security HARDENED = new Security(true, false, List.of());

		public Security {
			securityOptions = List.copyOf(securityOptions);
		}

	}

}
