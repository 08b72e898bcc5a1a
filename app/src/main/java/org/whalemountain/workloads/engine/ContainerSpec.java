package org.whalemountain.workloads.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What to run, never how: each engine decides how to give it (Docker binds the owner's
 * home directory and joins the owner's network; Kubernetes would claim a volume in the
 * owner's namespace). Never privileged: there is no way to ask for it.
 *
 * @param name the container's name, unique on the engine
 * @param image a reference the engine can pull ({@code registry/owner/repo:tag})
 * @param command arguments replacing the image's CMD, or empty for the image's own
 * @param env {@code NAME=value} entries
 * @param ports guest ports to reach from outside
 * @param labels kind, owner and id labels used to find the container again
 * @param owner the user the container belongs to, its tenant: the engine keeps each
 * owner's containers together and apart from others' (a network, a namespace)
 * @param volumes storage given into the container, named by what it is
 * @param resources CPU, memory and process limits
 * @param security hardening beyond "not privileged"
 * @param runAs the numeric user to run as, or {@code null} for the image's user
 * @param lifecycle whether the engine brings the process back when it exits
 * @param files files placed before the process starts (configuration it reads at once)
 */
public record ContainerSpec(String name, String image, List<String> command, List<String> env, List<Port> ports,
		Map<String, String> labels, String owner, List<Volume> volumes, Resources resources, Security security,
		RunAs runAs, Lifecycle lifecycle, List<SeedFile> files) {

	public ContainerSpec {
		command = List.copyOf(command);
		env = List.copyOf(env);
		ports = List.copyOf(ports);
		labels = Map.copyOf(labels);
		volumes = List.copyOf(volumes);
		files = List.copyOf(files);
	}

	/**
	 * A guest port to reach from outside.
	 *
	 * @param publicPort the port the service reserved for it on the engine's public side
	 * (a host port on Docker), or 0 to let the engine choose
	 */
	public record Port(int guestPort, int publicPort) {
	}

	/** Storage given into a container, by what it is rather than where it lives. */
	public enum VolumeSource {

		/** The owner's own data, the same in each of the owner's containers. */
		OWNER_HOME,
		/**
		 * The engine's own API, for a workload that runs further containers (a CI
		 * runner).
		 */
		ENGINE_API

	}

	/** A volume and where it appears in the container. */
	public record Volume(VolumeSource source, String containerPath, boolean readOnly) {
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

	/** Which system calls the process may make. */
	public enum SyscallFilter {

		/** The engine's default filter, which blocks the dangerous calls. */
		ENGINE_DEFAULT,
		/** No filter: only for workloads that must make calls the default blocks. */
		UNCONFINED

	}

	/**
	 * A typed security profile.
	 *
	 * @param noNewPrivileges the process can never gain privileges (setuid binaries)
	 * @param dropAllCapabilities drop every Linux capability
	 * @param syscalls the system call filter
	 */
	public record Security(boolean noNewPrivileges, boolean dropAllCapabilities, SyscallFilter syscalls) {

		public static final Security HARDENED = new Security(true, false, SyscallFilter.ENGINE_DEFAULT);

	}

	/** A numeric user and group, never root's for a container with the owner's home. */
	public record RunAs(int uid, int gid) {
	}

	/** What happens when the container's process exits. */
	public enum Lifecycle {

		/** It stays stopped: a user's container, which the user starts again. */
		RUN_ONCE,
		/** The engine starts it again, until it is stopped on purpose (a service). */
		KEEP_RUNNING

	}

	/**
	 * A file in place before the process starts. Its directory is made if missing,
	 * readable by the container's user only. The content may be a secret: it is never
	 * shown, logged or kept apart from the container.
	 *
	 * @param path the absolute path in the container
	 * @param mode the file's permission bits, such as {@code 0600}
	 */
	public record SeedFile(String path, byte[] content, int mode) {

		public SeedFile {
			content = content.clone();
		}

		@Override
		public byte[] content() {
			return this.content.clone();
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof SeedFile file && file.path.equals(this.path) && file.mode == this.mode
					&& Arrays.equals(file.content, this.content);
		}

		@Override
		public int hashCode() {
			return this.path.hashCode() * 31 + Arrays.hashCode(this.content);
		}

		@Override
		public String toString() {
			return "SeedFile[" + this.path + ", " + this.content.length + " bytes, " + Integer.toOctalString(this.mode)
					+ "]";
		}

	}

}
