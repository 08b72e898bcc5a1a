package org.whalemountain.workloads;

import java.time.Instant;
import java.util.List;

/**
 * A user's container as the API shows it; the environment is never shown again.
 *
 * @param containerId the engine's id, {@code null} while {@code pulling} or once
 * {@code failed}
 * @param status the live status from the engine ({@code running}, {@code exited}...),
 * {@code missing} if it is gone there, {@code pulling} while the image is being pulled,
 * {@code failed} when the launch failed after it was answered
 * @param pullPercent how much of the image has been pulled (0 to 100) while
 * {@code pulling}, else {@code null}
 * @param pullMessage the engine's last words about the pull while {@code pulling}
 * @param message why the launch failed, else {@code null}
 */
public record ContainerView(long id, String name, String image, String engine, String containerId, String networkId,
		String status, List<Port> ports, Instant createdAt, Integer pullPercent, String pullMessage, String message) {

	public ContainerView {
		ports = List.copyOf(ports);
	}

	/** A guest port and the host port it is published on. */
	public record Port(int guest, int host) {
	}

}
