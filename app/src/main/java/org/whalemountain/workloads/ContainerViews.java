package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerEngines;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerState;
import org.whalemountain.workloads.store.ContainerRecord;
import org.whalemountain.workloads.store.ContainerStore;
import org.whalemountain.workloads.store.HostPorts;

import java.util.Objects;

import org.springframework.stereotype.Component;
import org.whalemountain.platform.ConflictException;
import org.whalemountain.platform.NotFoundException;

/**
 * A user's containers as the API and the console show them: the row with the engine's
 * live state. A launch not run yet, a failed one and a vanished container have no
 * container to ask, so their row's state is the answer.
 */
@Component
class ContainerViews {

	private final ContainerEngines engines;

	private final ContainerStore store;

	private final HostPorts hostPorts;

	ContainerViews(ContainerEngines engines, ContainerStore store, HostPorts hostPorts) {
		this.engines = engines;
		this.store = store;
		this.hostPorts = hostPorts;
	}

	/**
	 * @throws NotFoundException unless the user owns this container: another user's
	 * container, admins' included, looks like one that does not exist
	 */
	ContainerRecord owned(String username, long id) {
		return this.store.find(id)
			.filter((row) -> row.owner().equals(username))
			.orElseThrow(() -> new NotFoundException("container-not-found", "You have no container " + id + "."));
	}

	/** The row with its live state. */
	ContainerView live(ContainerRecord row) {
		return view(row, liveState(row));
	}

	/** The row with the state the service knows without asking the engine. */
	ContainerView stored(ContainerRecord row) {
		return view(row, new Live(row.status(), null, null));
	}

	void requireRunning(ContainerRecord row) {
		if (liveState(row).state() != ContainerState.RUNNING) {
			throw new ConflictException("container-not-running", "The container is not running; start it first.");
		}
	}

	/**
	 * The engine the container was launched on, which need not be today's default.
	 * @throws org.whalemountain.platform.UnavailableException when that engine is not
	 * enabled
	 */
	ContainerEngine engineOf(ContainerRecord row) {
		return this.engines.named(row.engine());
	}

	/**
	 * What the engine says now; what the row says when there is nothing to ask, or when
	 * the container's engine is not enabled, so that one such container does not keep a
	 * user from seeing the others (acting on it answers {@code engine-unavailable}).
	 */
	private Live liveState(ContainerRecord row) {
		if (row.containerId() == null || row.status() == ContainerState.GONE || !this.engines.isEnabled(row.engine())) {
			return new Live(row.status(), null, null);
		}
		return EngineCalls.call(() -> engineOf(row).inspect(row.containerId()))
			.map((info) -> new Live(info.state(), info.pullPercent(), info.reason()))
			.orElse(new Live(ContainerState.GONE, null, null));
	}

	private ContainerView view(ContainerRecord row, Live live) {
		boolean pending = live.state() == ContainerState.PENDING;
		boolean failed = live.state() == ContainerState.FAILED;
		return new ContainerView(row.id(), row.name(), row.image(), row.engine(), row.containerId(), row.networkId(),
				live.state().word(), this.hostPorts.of(row.id()), row.createdAt(),
				pending ? pullPercent(row, live) : null, pending ? row.pullMessage() : null,
				failed ? Objects.requireNonNullElse(live.reason(), row.message()) : null);
	}

	/**
	 * The engine's figure while it pulls; a container the engine made already has its
	 * image.
	 */
	private static int pullPercent(ContainerRecord row, Live live) {
		if (live.pullPercent() != null) {
			return live.pullPercent();
		}
		return (row.containerId() != null) ? 100 : Objects.requireNonNullElse(row.pullPercent(), 0);
	}

	/** What the engine says now: {@link ContainerInfo}'s state, pull and reason. */
	private record Live(ContainerState state, Integer pullPercent, String reason) {
	}

}
