package org.whalemountain.workloads.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;

/** User networks: one bridge per name, created when first needed. */
final class DockerNetworks {

	/**
	 * How long a network found or made is taken to be there without asking dockerd again:
	 * at class start every launch of a user would otherwise list networks, one more round
	 * trip queued behind everybody's creates. Short, so that a network removed by hand
	 * (docker network prune) is made again within seconds.
	 */
	private static final long REMEMBER_NANOS = Duration.ofSeconds(10).toNanos();

	private final ConcurrentMap<String, Seen> seen = new ConcurrentHashMap<>();

	private final DockerClient client;

	private final DockerFailures failures;

	private final ConcurrentMap<String, Object> creating = new ConcurrentHashMap<>();

	DockerNetworks(DockerClient client, DockerFailures failures) {
		this.client = client;
		this.failures = failures;
	}

	/**
	 * Returns the id of the network with exactly this name, creating a labelled bridge if
	 * there is none. A concurrent create of the same name loses the race quietly.
	 */
	String ensure(String name, Map<String, String> labels) {
		Seen known = this.seen.get(name);
		if (known != null && System.nanoTime() - known.atNanos() < REMEMBER_NANOS) {
			return known.id();
		}
		String id = ensureLocked(name, labels);
		this.seen.put(name, new Seen(id, System.nanoTime()));
		return id;
	}

	private String ensureLocked(String name, Map<String, String> labels) {
		// dockerd's duplicate check races: two creates at once make two networks of one
		// name, and every later attach by that name fails as ambiguous
		synchronized (this.creating.computeIfAbsent(name, (key) -> new Object())) {
			return ensureAlone(name, labels);
		}
	}

	private String ensureAlone(String name, Map<String, String> labels) {
		String action = "create network " + name;
		try {
			Optional<String> existing = find(name);
			if (existing.isPresent()) {
				return existing.get();
			}
			return this.client.createNetworkCmd()
				.withName(name)
				.withDriver("bridge")
				.withLabels(labels)
				.withCheckDuplicate(true)
				.exec()
				.getId();
		}
		catch (ConflictException ex) {
			return find(name).orElseThrow(() -> this.failures.other(action, ex));
		}
		catch (RuntimeException ex) {
			throw this.failures.other(action, ex);
		}
	}

	void remove(String name) {
		this.seen.remove(name);
		try {
			this.client.removeNetworkCmd(name).exec();
		}
		catch (NotFoundException ex) {
			// gone already
		}
		catch (RuntimeException ex) {
			throw this.failures.other("remove network " + name, ex);
		}
	}

	/** Docker's name filter matches parts of names; only an exact match counts. */
	private Optional<String> find(String name) {
		List<Network> candidates = this.client.listNetworksCmd().withNameFilter(name).exec();
		return candidates.stream().filter((network) -> name.equals(network.getName())).map(Network::getId).findFirst();
	}

	private record Seen(String id, long atNanos) {
	}

}
