package org.whalemountain.workloads;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.whalemountain.platform.ConflictException;

/**
 * Hands out host ports from the configured range. The primary key of {@code host_ports}
 * makes a port unique across all containers and all service instances; a random start
 * keeps concurrent launches from colliding on the same candidate.
 */
@Component
class HostPorts {

	private static final int ATTEMPTS = 64;

	private final JdbcClient jdbc;

	private final WorkloadsProperties properties;

	HostPorts(JdbcClient jdbc, WorkloadsProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Reserves a host port for the guest port of the container row.
	 * @throws ConflictException when the range is exhausted
	 */
	int allocate(long container, int guestPort) {
		int min = this.properties.minHostPort();
		int size = this.properties.maxHostPort() - min + 1;
		for (int attempt = 0; attempt < ATTEMPTS && used(min) < size; attempt++) {
			int candidate = min + ThreadLocalRandom.current().nextInt(size);
			try {
				this.jdbc.sql("INSERT INTO host_ports (host_port, container, guest_port) VALUES (?, ?, ?)")
					.params(candidate, container, guestPort)
					.update();
				return candidate;
			}
			catch (DuplicateKeyException taken) {
				// another container holds it: try another candidate
			}
		}
		throw new ConflictException("host-ports-exhausted",
				"No free host port is left in " + min + "-" + this.properties.maxHostPort()
						+ " (wm.workloads.min-host-port/max-host-port). Delete containers you no longer need "
						+ "or ask an operator to widen the range.");
	}

	List<ContainerView.Port> of(long container) {
		return this.jdbc.sql("SELECT guest_port, host_port FROM host_ports WHERE container = ? ORDER BY guest_port")
			.param(container)
			.query((rs, n) -> new ContainerView.Port(rs.getInt(1), rs.getInt(2)))
			.list();
	}

	private int used(int min) {
		return this.jdbc.sql("SELECT COUNT(*) FROM host_ports WHERE host_port BETWEEN ? AND ?")
			.params(min, this.properties.maxHostPort())
			.query(Integer.class)
			.single();
	}

}
