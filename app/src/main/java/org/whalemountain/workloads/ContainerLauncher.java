package org.whalemountain.workloads;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.platform.ConflictException;
import org.whalemountain.platform.crypto.SecretBox;

/**
 * The steps of a launch after the input was checked: reserve (row, quota, host ports) in
 * one transaction, then create and start on the engine, undoing the reservation when the
 * engine fails, so that nothing is left behind.
 */
@Component
class ContainerLauncher {

	/**
	 * Docker may still find a reserved port bound by something outside the service; each
	 * attempt rules out the port it refused, so a few attempts get past a few such ports.
	 */
	private static final int ATTEMPTS = 4;

	private final ContainerEngine engine;

	private final ContainerStore store;

	private final HostPorts hostPorts;

	private final WorkloadsProperties properties;

	private final SecretBox secrets;

	private final TransactionTemplate transaction;

	private final Clock clock;

	ContainerLauncher(ContainerEngine engine, ContainerStore store, HostPorts hostPorts, WorkloadsProperties properties,
			SecretBox secrets, TransactionTemplate transaction, Clock clock) {
		this.engine = engine;
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

	ContainerRecord launch(String owner, String name, String image, List<String> command, List<String> env,
			List<Integer> guestPorts) {
		Set<Integer> refused = new TreeSet<>();
		for (int attempt = 1;; attempt++) {
			ContainerRecord row = reserve(owner, name, image, env, guestPorts, refused);
			List<ContainerView.Port> ports = this.hostPorts.of(row.id());
			try {
				return run(row, command, env, ports);
			}
			catch (ContainerNameTakenException ex) {
				throw new ConflictException("container-name-taken",
						"A container named " + name + " still exists on the Docker host; choose another name.");
			}
			catch (HostPortTakenException ex) {
				refused.addAll(this.hostPorts.refusedBy(ex, ports));
				if (attempt == ATTEMPTS) {
					throw this.hostPorts.stillRefused(refused);
				}
			}
		}
	}

	private ContainerRecord reserve(String owner, String name, String image, List<String> env, List<Integer> guestPorts,
			Set<Integer> refusedPorts) {
		return this.transaction.execute((status) -> {
			this.store.lockOwner(owner);
			checkQuota(owner);
			if (this.store.nameTaken(name)) {
				throw new ConflictException("container-name-taken",
						"You already have a container named " + name + "; choose another name or delete it.");
			}
			String sealed = this.secrets.seal(String.join("\0", env), envContext(name));
			ContainerRecord row = new ContainerRecord(0, owner, name, image, this.engine.name(), null, null, "creating",
					sealed, this.properties.memoryBytes(), this.clock.instant());
			long id = this.store.insert(row);
			guestPorts.forEach((guest) -> this.hostPorts.allocate(id, guest, refusedPorts));
			return new ContainerRecord(id, owner, name, image, row.engine(), null, null, row.status(), sealed,
					row.memoryBytes(), row.createdAt());
		});
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

	private ContainerRecord run(ContainerRecord row, List<String> command, List<String> env,
			List<ContainerView.Port> ports) {
		List<String> created = new ArrayList<>(1);
		try {
			String networkId = this.engine.ensureNetwork(LendingSpecs.network(row.owner()),
					Map.of(LendingSpecs.OWNER_LABEL, row.owner()));
			ContainerInfo info = this.engine.create(LendingSpecs.spec(row, command, env, ports, this.properties));
			created.add(info.id());
			this.engine.start(info.id());
			this.store.updateEngineIds(row.id(), info.id(), networkId, "running");
			return row.withEngineIds(info.id(), networkId, "running");
		}
		catch (RuntimeException ex) {
			undo(row, created, ex);
			throw ex;
		}
	}

	private void undo(ContainerRecord row, List<String> created, RuntimeException cause) {
		try {
			created.forEach(this.engine::remove);
		}
		catch (RuntimeException removeFailed) {
			// the launch failure is what the user must see; the engine's leftover carries
			// our labels for a later cleanup
			cause.addSuppressed(removeFailed);
		}
		this.store.delete(row.id());
	}

}
