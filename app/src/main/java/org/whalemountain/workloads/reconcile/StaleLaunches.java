package org.whalemountain.workloads.reconcile;

import org.whalemountain.workloads.WorkloadsProperties;
import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerEngines;
import org.whalemountain.workloads.launch.ImagePulls;
import org.whalemountain.workloads.store.ContainerRecord;
import org.whalemountain.workloads.store.ContainerStore;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Fails pending launches that nothing moves any more, as part of each reconciliation:
 * those this instance does not work on and whose progress has not changed for
 * {@code wm.workloads.pull.stale-after} (the pull died with a service that stopped;
 * another replica's live pull keeps writing progress). Their host ports are freed.
 */
@Component
public class StaleLaunches {

	private static final Logger log = LoggerFactory.getLogger(StaleLaunches.class);

	private final ContainerStore store;

	private final ImagePulls pulls;

	private final WorkloadsProperties properties;

	private final ContainerEngines engines;

	private final Clock clock;

	StaleLaunches(ContainerStore store, ImagePulls pulls, WorkloadsProperties properties, ContainerEngines engines,
			Clock clock) {
		this.store = store;
		this.pulls = pulls;
		this.properties = properties;
		this.engines = engines;
		this.clock = clock;
	}

	/**
	 * @return how many were failed, on every enabled engine
	 */
	public int failStale() {
		return this.engines.enabled().stream().mapToInt(this::failStale).sum();
	}

	/**
	 * @return how many launches on this engine were failed
	 */
	int failStale(ContainerEngine engine) {
		Instant now = this.clock.instant();
		int failed = 0;
		for (ContainerRecord row : this.store.pendingSince(engine.name(),
				now.minus(this.properties.pull().staleAfter()))) {
			if (!this.pulls.isActive(row.id()) && this.store.fail(row.id(),
					"The pull of the image stopped when the service restarted; delete the container and launch again.",
					now)) {
				failed++;
				log.warn("Launch {} of {} ({}) was still pending with no pull running; marked failed", row.id(),
						row.owner(), row.name());
			}
		}
		return failed;
	}

}
