package org.whalemountain.workloads.store;

import java.time.Instant;

import org.whalemountain.platform.ConflictException;
import org.whalemountain.workloads.engine.ContainerState;

/**
 * A row of {@code containers}.
 *
 * @param status what the service last knew: {@code PENDING} until the engine started the
 * container, then {@code RUNNING}; {@code FAILED} or {@code GONE} for good
 * @param message why the launch failed, or {@code null}
 * @param pullPercent how much of the image was pulled while {@code PENDING}, else
 * {@code null}
 * @param pullMessage the engine's last words about the pull while {@code PENDING}
 */
public record ContainerRecord(long id, String owner, String name, String image, String engine, String containerId,
		String networkId, ContainerState status, String envSealed, long memoryBytes, Instant createdAt, String message,
		Integer pullPercent, String pullMessage) {

	public ContainerRecord(long id, String owner, String name, String image, String engine, String containerId,
			String networkId, ContainerState status, String envSealed, long memoryBytes, Instant createdAt) {
		this(id, owner, name, image, engine, containerId, networkId, status, envSealed, memoryBytes, createdAt, null,
				null, null);
	}

	/**
	 * A launch still pulling, or failed, has no engine container to act on yet.
	 * @throws ConflictException unless the row has one
	 */
	public ContainerRecord engineBacked() {
		if (this.containerId == null) {
			throw new ConflictException("container-not-ready",
					(this.status == ContainerState.FAILED)
							? "The launch failed: " + this.message + " Delete the container and launch again."
							: "The image is still being pulled; wait until the container runs.");
		}
		return this;
	}

	public ContainerRecord withEngineIds(String containerId, String networkId, ContainerState status) {
		return new ContainerRecord(this.id, this.owner, this.name, this.image, this.engine, containerId, networkId,
				status, this.envSealed, this.memoryBytes, this.createdAt);
	}

}
