package org.whalemountain.workloads.launch;

import org.whalemountain.workloads.engine.ContainerSpec;

/**
 * The owner's home volume in a container, and the LDAP identity the container's process
 * runs as so that files keep their owner.
 *
 * @param containerPath where it appears in the container, also {@code HOME}
 */
record HomeMount(String containerPath, int uid, int gid) {

	HomeMount {
		if (uid < 1 || gid < 1) {
			// the owner's data bound into a root container is what this type must never
			// describe
			throw new IllegalArgumentException("A home mount never runs as root (" + uid + ":" + gid + ")");
		}
	}

	/** The numbers the container runs as. */
	ContainerSpec.RunAs runAs() {
		return new ContainerSpec.RunAs(this.uid, this.gid);
	}

}
