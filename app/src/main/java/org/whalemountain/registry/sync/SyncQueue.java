package org.whalemountain.registry.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.registry.SyncRun;
import org.whalemountain.registry.events.ImageSyncRequested;

/**
 * Where sync requests wait: they return at once, and one background thread runs them in
 * order, each under the {@code registry-sync} lock. A request joins a run that is still
 * queued when that run covers it (a full run covers everything; targeted runs merge), so
 * that a burst of pushes or clicks costs one sync.
 */
public class SyncQueue implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SyncQueue.class);

	/** How often a queued run asks again for the lock another replica holds. */
	static final Duration LOCK_POLL = Duration.ofMillis(500);

	private final SyncLocks locks;

	private final TagSync sync;

	private final SyncRuns runs;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final ExecutorService worker = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "registry-sync");
		thread.setDaemon(true);
		return thread;
	});

	/** Queued (not yet started) runs, at most one of each kind; guarded by this. */
	private Pending full;

	private Pending targeted;

	private volatile boolean stopping;

	SyncQueue(SyncLocks locks, TagSync sync, SyncRuns runs, ApplicationEventPublisher events,
			PlatformTransactionManager transactions, Clock clock) {
		this.locks = locks;
		this.sync = sync;
		this.runs = runs;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/**
	 * Queues a run, or joins the queued one that covers it, and returns it (QUEUED).
	 * Publishes {@link ImageSyncRequested} when a user asked.
	 * @param sourceAddress where the user's request came from, or {@code null}
	 */
	public synchronized SyncRun request(String trigger, String requestedBy, SyncScope scope, String sourceAddress) {
		Pending joined = (this.full != null) ? this.full : (scope.full() ? null : this.targeted);
		if (joined != null) {
			SyncScope widened = joined.scope.and(scope);
			this.transaction.executeWithoutResult((status) -> {
				if (!widened.equals(joined.scope)) {
					this.runs.widen(joined.id, widened);
				}
				announce(joined.id, requestedBy, true, sourceAddress);
			});
			joined.scope = widened;
			return this.runs.find(joined.id).orElseThrow();
		}
		Pending queued = new Pending(UUID.randomUUID().toString(), scope);
		this.transaction.executeWithoutResult((status) -> {
			this.runs.insertQueued(queued.id, trigger, requestedBy, scope, this.clock.instant());
			announce(queued.id, requestedBy, false, sourceAddress);
		});
		if (scope.full()) {
			this.full = queued;
		}
		else {
			this.targeted = queued;
		}
		this.worker.execute(() -> execute(queued));
		return this.runs.find(queued.id).orElseThrow();
	}

	private void announce(String id, String requestedBy, boolean joined, String sourceAddress) {
		if (requestedBy != null) {
			this.events
				.publishEvent(new ImageSyncRequested(id, requestedBy, joined, sourceAddress, this.clock.instant()));
		}
	}

	private void execute(Pending queued) {
		Optional<SimpleLock> lock = awaitLock();
		if (lock.isEmpty()) {
			failQuietly(queued.id);
			return;
		}
		try {
			SyncScope scope;
			synchronized (this) {
				// from here on, new requests queue a new run: this one may have read past
				// them
				this.full = (this.full == queued) ? null : this.full;
				this.targeted = (this.targeted == queued) ? null : this.targeted;
				scope = queued.scope;
			}
			this.sync.run(queued.id, scope);
		}
		finally {
			lock.get().unlock();
		}
	}

	/** Waits while another replica syncs; empty only when the service is stopping. */
	private Optional<SimpleLock> awaitLock() {
		while (!this.stopping) {
			try {
				Optional<SimpleLock> lock = this.locks.sync();
				if (lock.isPresent()) {
					return lock;
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not take the registry sync lock, trying again: {}", ex.toString());
			}
			try {
				Thread.sleep(LOCK_POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	/** Stops the worker; a run in progress is interrupted and recorded as failed. */
	@Override
	public void close() throws InterruptedException {
		this.stopping = true;
		this.worker.shutdownNow();
		this.worker.awaitTermination(10, TimeUnit.SECONDS);
		synchronized (this) {
			for (Pending queued : new Pending[] { this.full, this.targeted }) {
				if (queued != null) {
					failQuietly(queued.id);
				}
			}
		}
	}

	private void failQuietly(String id) {
		try {
			this.runs.fail(id, "The service stopped before this sync could start; the next one catches up.",
					this.clock.instant());
		}
		catch (RuntimeException ex) {
			log.debug("Could not record that queued sync {} will not run: {}", id, ex.toString());
		}
	}

	/** A queued run; its scope widens as requests join it. */
	private static final class Pending {

		final String id;

		SyncScope scope;

		Pending(String id, SyncScope scope) {
			this.id = id;
			this.scope = scope;
		}

	}

}
