package org.whalemountain.workloads.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The limits of one user on the cluster, from the service's workloads limits: the same
 * numbers as on Docker, as a namespace's ResourceQuota and a LimitRange's per-container
 * values. A limit of 0 means none, as on Docker.
 *
 * @param maxContainers containers one user may have at once
 * @param containerNanoCpus CPU limit of one container in billionths of a CPU
 * @param containerMemoryBytes memory limit of one container
 * @param maxMemoryBytes sum of the memory limits of one user's containers
 */
public record UserLimits(int maxContainers, long containerNanoCpus, long containerMemoryBytes, long maxMemoryBytes) {

	private static final long MEBIBYTE = 1L << 20;

	/** The namespace's ResourceQuota. */
	Map<String, Quantity> quota() {
		Map<String, Quantity> hard = new LinkedHashMap<>();
		hard.put("pods", new Quantity(String.valueOf(this.maxContainers)));
		// stopped containers (Deployments scaled to 0) count, as stopped ones do on
		// Docker
		hard.put("count/deployments.apps", new Quantity(String.valueOf(this.maxContainers)));
		if (this.containerNanoCpus > 0) {
			hard.put("limits.cpu", cpu(this.containerNanoCpus * this.maxContainers));
		}
		if (this.maxMemoryBytes > 0) {
			hard.put("limits.memory", memory(this.maxMemoryBytes));
		}
		return hard;
	}

	/** Each container's limits: its default and its maximum. */
	Map<String, Quantity> containerLimits() {
		Map<String, Quantity> values = new LinkedHashMap<>();
		if (this.containerNanoCpus > 0) {
			values.put("cpu", cpu(this.containerNanoCpus));
		}
		if (this.containerMemoryBytes > 0) {
			values.put("memory", memory(this.containerMemoryBytes));
		}
		return values;
	}

	/**
	 * On Docker a container's limits are caps, not reservations; a tenth of the CPU and a
	 * quarter of the memory as requests keep it so here while the scheduler still spreads
	 * pods by what they use.
	 */
	Map<String, Quantity> containerRequests() {
		Map<String, Quantity> values = new LinkedHashMap<>();
		if (this.containerNanoCpus > 0) {
			values.put("cpu", cpu(this.containerNanoCpus / 10));
		}
		if (this.containerMemoryBytes > 0) {
			values.put("memory", memory(this.containerMemoryBytes / 4));
		}
		return values;
	}

	static Quantity cpu(long nanoCpus) {
		long millis = Math.max(1, nanoCpus / 1_000_000);
		return new Quantity((millis % 1000 == 0) ? String.valueOf(millis / 1000) : millis + "m");
	}

	static Quantity memory(long bytes) {
		return new Quantity((bytes % MEBIBYTE == 0) ? (bytes / MEBIBYTE) + "Mi" : String.valueOf(bytes));
	}

}
