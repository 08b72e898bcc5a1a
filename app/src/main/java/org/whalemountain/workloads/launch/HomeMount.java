package org.whalemountain.workloads.launch;

/**
 * The user's own data directory bound into a container, and the LDAP identity the
 * container's process runs as so that files keep their owner.
 *
 * @param hostPath the directory on the Docker host
 * @param containerPath where it appears in the container, also {@code HOME}
 */
record HomeMount(String hostPath, String containerPath, int uid, int gid) {

	HomeMount {
		if (uid < 1 || gid < 1) {
			// a host directory bound into a root container is what this type must never
			// describe
			throw new IllegalArgumentException("A home mount never runs as root (" + uid + ":" + gid + ")");
		}
	}

	/** {@code uid:gid}, as the engine takes a user. */
	String user() {
		return this.uid + ":" + this.gid;
	}

}
