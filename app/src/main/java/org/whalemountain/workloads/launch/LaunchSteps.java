package org.whalemountain.workloads.launch;

import org.whalemountain.workloads.ContainerView;
import org.whalemountain.workloads.WorkloadsProperties;
import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerEngines;
import org.whalemountain.workloads.engine.ContainerNameTakenException;
import org.whalemountain.workloads.engine.ContainerState;
import org.whalemountain.workloads.engine.HostPortTakenException;
import org.whalemountain.workloads.engine.PullProgress;
import org.whalemountain.workloads.engine.RegistryCredentials;
import org.whalemountain.workloads.engine.StartedContainer;
import org.whalemountain.workloads.store.ContainerStore;
import org.whalemountain.workloads.store.ContainerRecord;
import org.whalemountain.workloads.store.HostPorts;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.platform.ConflictException;
import org.whalemountain.platform.crypto.SecretBox;

/**
 * The steps of a launch after the input was checked: reserve (row, quota, host ports) in
 * one transaction, then have the engine run the container (pulling its image first if it
 * must), so that a failure leaves nothing on the engine.
 */
@Component
class LaunchSteps {

	/**
	 * The engine may still find a reserved port bound by something outside the service;
	 * each attempt rules out the port it refused, so a few attempts get past a few such
	 * ports.
	 */
	private static final int ATTEMPTS = 4;

	private final ContainerEngines engines;

	private final ContainerStore store;

	private final HostPorts hostPorts;

	private final WorkloadsProperties properties;

	private final SecretBox secrets;

	private final TransactionTemplate transaction;

	private final Clock clock;

	LaunchSteps(ContainerEngines engines, ContainerStore store, HostPorts hostPorts, WorkloadsProperties properties,
			SecretBox secrets, TransactionTemplate transaction, Clock clock) {
		this.engines = engines;
		this.store = store;
		this.hostPorts = hostPorts;
		this.properties = properties;
		this.secrets = secrets;
		this.transaction = transaction;
		this.clock = clock;
	}

	static String envContext(String name) {
		return "container-env:" + name;
	}

	/**
	 * Reserves, creates and starts; on failure nothing is left, not even the row.
	 */
	ContainerRecord launch(LaunchPlan plan, RegistryCredentials credentials) {
		Set<Integer> refused = new TreeSet<>();
		for (int attempt = 1;; attempt++) {
			ContainerRecord row = reserve(plan, ContainerState.PENDING, refused);
			List<ContainerView.Port> ports = this.hostPorts.of(row.id());
			try {
				return run(row, plan, credentials, (progress) -> {
				});
			}
			catch (HostPortTakenException ex) {
				this.store.delete(row.id());
				refused.addAll(this.hostPorts.refusedBy(ex, ports));
				if (attempt == ATTEMPTS) {
					throw this.hostPorts.stillRefused(refused);
				}
			}
			catch (RuntimeException ex) {
				this.store.delete(row.id());
				throw conflictOr(ex, plan.name());
			}
		}
	}

	/**
	 * Reserves the row, the quota and the host ports in one transaction.
	 * @throws ConflictException for a taken name or an exceeded quota
	 */
	ContainerRecord reserve(LaunchPlan plan, ContainerState status) {
		return reserve(plan, status, Set.of());
	}

	private ContainerRecord reserve(LaunchPlan plan, ContainerState status, Set<Integer> refusedPorts) {
		return this.transaction.execute((tx) -> {
			this.store.lockOwner(plan.owner());
			checkQuota(plan.owner());
			this.store.nameHolder(plan.name()).ifPresent((holder) -> {
				throw nameTaken(holder.equals(plan.owner()), plan.name());
			});
			String sealed = this.secrets.seal(String.join("\0", plan.env()), envContext(plan.name()));
			ContainerRecord row = new ContainerRecord(0, plan.owner(), plan.name(), plan.image(), plan.engine(), null,
					null, status, sealed, this.properties.memoryBytes(), this.clock.instant());
			long id = this.store.insert(row);
			plan.guestPorts().forEach((guest) -> this.hostPorts.allocate(id, guest, refusedPorts));
			return new ContainerRecord(id, row.owner(), row.name(), row.image(), row.engine(), null, null, row.status(),
					sealed, row.memoryBytes(), row.createdAt());
		});
	}

	/**
	 * Has the engine run the container of a reserved row, pulling its image if it must. A
	 * failed run leaves nothing on the engine; the row is the caller's to undo.
	 * @return the row as running, or {@code null} if it was deleted or failed meanwhile
	 * (the container is then removed)
	 */
	ContainerRecord run(ContainerRecord row, LaunchPlan plan, RegistryCredentials credentials,
			Consumer<PullProgress> progress) {
		ContainerEngine engine = this.engines.named(row.engine());
		StartedContainer started = engine.run(LendingSpecs.spec(row, plan.command(), plan.env(),
				this.hostPorts.of(row.id()), this.properties, plan.home()), credentials, progress);
		try {
			if (!this.store.updateEngineIds(row.id(), started.id(), started.networkId(), ContainerState.RUNNING)) {
				engine.remove(started.id());
				return null;
			}
		}
		catch (RuntimeException ex) {
			removeQuietly(engine, started.id(), ex);
			throw ex;
		}
		return row.withEngineIds(started.id(), started.networkId(), ContainerState.RUNNING);
	}

	/**
	 * Names are unique per owner by construction; a row of another owner can hold one
	 * only if it was named before that was so, and whose it is stays unsaid.
	 */
	static ConflictException nameTaken(boolean ownRow, String name) {
		return new ConflictException("container-name-taken",
				ownRow ? "You already have a container named " + name + "; choose another name or delete it."
						: "The name " + name + " cannot be used; choose another name.");
	}

	/**
	 * The engine failures a user can act on, in the user's words. A name the engine holds
	 * without a row is no container of the user's, so nothing is said about it.
	 */
	static RuntimeException conflictOr(RuntimeException ex, String name) {
		if (ex instanceof ContainerNameTakenException) {
			return nameTaken(false, name);
		}
		if (ex instanceof HostPortTakenException) {
			return new ConflictException("host-port-taken",
					"The container engine kept refusing the host ports handed out; try again.");
		}
		return ex;
	}

	private void checkQuota(String owner) {
		WorkloadsProperties.Quota quota = this.properties.quota();
		if (this.store.count(owner) >= quota.maxContainers()) {
			throw new ConflictException("container-quota-exceeded", "You already have " + quota.maxContainers()
					+ " containers, the most allowed (wm.workloads.quota.max-containers); delete one first.");
		}
		if (this.store.memory(owner) + this.properties.memoryBytes() > quota.maxMemoryBytes()) {
			throw new ConflictException("memory-quota-exceeded", "Another container would exceed your memory quota of "
					+ quota.maxMemoryBytes() + " bytes (wm.workloads.quota.max-memory-bytes); delete one first.");
		}
	}

	private static void removeQuietly(ContainerEngine engine, String containerId, RuntimeException cause) {
		try {
			engine.remove(containerId);
		}
		catch (RuntimeException removeFailed) {
			// the launch failure is what the user must see; the engine's leftover carries
			// our labels for a later cleanup
			cause.addSuppressed(removeFailed);
		}
	}

}
