package org.whalemountain.workloads;

import java.time.Instant;

/** A row of {@code containers}. */
record ContainerRecord(long id, String owner, String name, String image, String engine, String containerId,
		String networkId, String status, String envSealed, long memoryBytes, Instant createdAt) {

	ContainerRecord withEngineIds(String containerId, String networkId, String status) {
		return new ContainerRecord(this.id, this.owner, this.name, this.image, this.engine, containerId, networkId,
				status, this.envSealed, this.memoryBytes, this.createdAt);
	}

}
