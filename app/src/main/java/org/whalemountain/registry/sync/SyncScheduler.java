package org.whalemountain.registry.sync;

import java.time.Duration;
import java.util.Optional;

import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Queues a full sync every {@code wm.registry.sync-interval}, on one replica per
 * interval: each replica's tick tries the {@code registry-sync-schedule} lock, which the
 * winner keeps for nine tenths of the interval, so the other replicas' ticks in that time
 * find it taken. The sync itself then waits for the {@code registry-sync} lock like any
 * other.
 */
class SyncScheduler {

	private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

	private final SyncQueue queue;

	private final SyncLocks locks;

	private final Duration hold;

	SyncScheduler(SyncQueue queue, SyncLocks locks, Duration interval) {
		this.queue = queue;
		this.locks = locks;
		this.hold = interval.multipliedBy(9).dividedBy(10);
	}

	@Scheduled(initialDelayString = "${wm.registry.sync-interval:PT5M}",
			fixedDelayString = "${wm.registry.sync-interval:PT5M}")
	void tick() {
		try {
			Optional<SimpleLock> turn = this.locks.schedule(this.hold);
			if (turn.isEmpty()) {
				log.debug("Another replica queued this interval's registry sync");
				return;
			}
			try {
				this.queue.request("schedule", null, SyncScope.FULL, null);
			}
			finally {
				turn.get().unlock();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not queue the scheduled registry sync: {}", ex.toString());
		}
	}

}
