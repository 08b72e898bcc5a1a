package org.whalemountain.workloads;

import java.time.Instant;
import java.util.List;

/**
 * A user's container as the API shows it; the environment is never shown again.
 *
 * @param containerId the engine's id, {@code null} while the image is pulled or once the
 * launch {@code failed}
 * @param status the live state in the engine's neutral words: {@code pending} (the image
 * is pulled or the container made), {@code running}, {@code stopped}, {@code failed} (the
 * launch failed after it was answered, or the engine cannot run it), {@code gone} (the
 * engine no longer has it)
 * @param pullPercent how much of the image has been pulled (0 to 100) while
 * {@code pending}, else {@code null}
 * @param pullMessage the engine's last words about the pull while {@code pending}
 * @param message why it {@code failed}, else {@code null}
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
