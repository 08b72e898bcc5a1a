package org.whalemountain.workloads.store;

import org.whalemountain.workloads.ContainerView;
import org.whalemountain.workloads.WorkloadsProperties;
import org.whalemountain.workloads.engine.HostPortTakenException;

import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.whalemountain.platform.ConflictException;

/**
 * Hands out host ports from the configured range. The primary key of {@code host_ports}
 * makes a port unique across all containers and all service instances; a random pick
 * among the free ports keeps concurrent launches from colliding on the same candidate.
 * Ports the engine refused during a launch (bound by something outside the service) are
 * passed back in, so that the next attempt of that launch cannot pick them again.
 */
@Component
public class HostPorts {

	/** Counts host ports the engine refused as bound by something outside the service. */
	public static final String REFUSED_METER = "wm.workloads.host-ports.refused";

	/** Each lost race against a concurrent launch costs one attempt. */
	private static final int ATTEMPTS = 64;

	private final JdbcClient jdbc;

	private final WorkloadsProperties properties;

	private final Counter refusedCounter;

	HostPorts(JdbcClient jdbc, WorkloadsProperties properties, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.refusedCounter = Counter.builder(REFUSED_METER)
			.description("Host ports the engine refused because something outside the service had bound them")
			.register(meters);
	}

	/**
	 * Reserves a host port for the guest port of the container row, never one of
	 * {@code refused}.
	 * @throws ConflictException when no port of the range is free: exhausted by
	 * containers, or the rest refused by the engine
	 */
	public int allocate(long container, int guestPort, Set<Integer> refused) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			BitSet free = free(refused);
			if (free.isEmpty()) {
				throw noneFree(refused);
			}
			int candidate = pick(free);
			try {
				this.jdbc.sql("INSERT INTO host_ports (host_port, container, guest_port) VALUES (?, ?, ?)")
					.params(candidate, container, guestPort)
					.update();
				return candidate;
			}
			catch (DuplicateKeyException taken) {
				// a concurrent launch took it since we looked: look again
			}
		}
		throw new ConflictException("host-ports-exhausted",
				"Too many launches competed for the few free host ports in " + range() + "; try again in a moment.");
	}

	public List<ContainerView.Port> of(long container) {
		return this.jdbc.sql("SELECT guest_port, host_port FROM host_ports WHERE container = ? ORDER BY guest_port")
			.param(container)
			.query((rs, n) -> new ContainerView.Port(rs.getInt(1), rs.getInt(2)))
			.list();
	}

	/**
	 * The host ports the engine refused in one attempt: the one its answer names, else
	 * every port of the attempt, since any of them may be the bound one.
	 */
	public Set<Integer> refusedBy(HostPortTakenException refusal, List<ContainerView.Port> attempted) {
		Set<Integer> refused = new TreeSet<>();
		refusal.port().ifPresentOrElse(refused::add, () -> attempted.forEach((port) -> refused.add(port.host())));
		this.refusedCounter.increment(refused.size());
		return refused;
	}

	/**
	 * What to tell the user when the engine kept refusing ports although free ones were
	 * left.
	 */
	public ConflictException stillRefused(Set<Integer> refused) {
		return new ConflictException("host-port-taken", "The container engine refused the host ports " + refused
				+ " of " + range()
				+ ": something outside the service has bound them. Try again; if it keeps happening, "
				+ "ask an operator to free those ports or move the range (wm.workloads.min-host-port/max-host-port).");
	}

	private ConflictException noneFree(Set<Integer> refused) {
		if (refused.isEmpty()) {
			return new ConflictException("host-ports-exhausted",
					"No free host port is left in " + range()
							+ " (wm.workloads.min-host-port/max-host-port). Delete containers you no longer need "
							+ "or ask an operator to widen the range.");
		}
		return new ConflictException("host-port-taken",
				"No usable host port is left in " + range() + ": the container engine refused " + refused
						+ " because something outside the service has bound them,"
						+ " and containers hold the rest. Ask an operator to free those ports or move the range"
						+ " (wm.workloads.min-host-port/max-host-port).");
	}

	/**
	 * Bit {@code i} stands for port {@code min + i}; set when the port may be handed out.
	 */
	private BitSet free(Set<Integer> refused) {
		int min = this.properties.minHostPort();
		int max = this.properties.maxHostPort();
		BitSet free = new BitSet(max - min + 1);
		free.set(0, max - min + 1);
		this.jdbc.sql("SELECT host_port FROM host_ports WHERE host_port BETWEEN ? AND ?")
			.params(min, max)
			.query(Integer.class)
			.list()
			.forEach((held) -> free.clear(held - min));
		refused.stream().filter((port) -> port >= min && port <= max).forEach((port) -> free.clear(port - min));
		return free;
	}

	private int pick(BitSet free) {
		int index = free.nextSetBit(0);
		for (int skip = ThreadLocalRandom.current().nextInt(free.cardinality()); skip > 0; skip--) {
			index = free.nextSetBit(index + 1);
		}
		return this.properties.minHostPort() + index;
	}

	private String range() {
		return this.properties.minHostPort() + "-" + this.properties.maxHostPort();
	}

}
