package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.EngineUnavailableException;
import org.whalemountain.workloads.launch.LendingSpecs;
import org.whalemountain.workloads.store.ContainerStore;
import org.whalemountain.workloads.store.ContainerRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares the engine with the database, at start-up and periodically, because either can
 * change without the other: a row whose container vanished (removed by hand, lost with
 * the engine's host) is marked {@code gone} and its host ports are freed for others; a
 * labelled container without a row (left by a crash between create and save) is reported
 * and removed once older than {@code wm.workloads.orphan-grace}, so that a launch that is
 * still saving is never cut short.
 */
@Component
class ContainerReconciler {

	private static final Logger log = LoggerFactory.getLogger(ContainerReconciler.class);

	private final ContainerEngine engine;

	private final ContainerStore store;

	private final WorkloadsProperties properties;

	private final TransactionTemplate transaction;

	private final StaleLaunches staleLaunches;

	private final Clock clock;

	/**
	 * When an orphan that never started was first seen: the engine reports no creation
	 * time. Forgotten on restart, which only delays removal by one grace period.
	 */
	private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

	ContainerReconciler(ContainerEngine engine, ContainerStore store, WorkloadsProperties properties,
			TransactionTemplate transaction, StaleLaunches staleLaunches, Clock clock) {
		this.engine = engine;
		this.store = store;
		this.properties = properties;
		this.transaction = transaction;
		this.staleLaunches = staleLaunches;
		this.clock = clock;
	}

	/**
	 * At start-up and then every {@code wm.workloads.reconcile-interval}; never lets a
	 * failure stop the service.
	 */
	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(initialDelayString = "${wm.workloads.reconcile-interval:PT1M}",
			fixedDelayString = "${wm.workloads.reconcile-interval:PT1M}")
	void reconcileQuietly() {
		try {
			this.staleLaunches.failStale();
			Result result = reconcile(Map.of(), this.properties.orphanGrace());
			if (result.gone() + result.orphans() > 0) {
				log.info("Container reconciliation: {} vanished and marked gone, {} orphans found, {} removed",
						result.gone(), result.orphans(), result.removed());
			}
		}
		catch (EngineUnavailableException ex) {
			log.warn("Container reconciliation skipped, the container engine does not answer: {}", ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("Container reconciliation failed: {}", ex.toString());
		}
	}

	/**
	 * One pass.
	 * @param scope labels an orphan must carry besides {@code wm.kind=container} to be
	 * considered (empty: every lent container)
	 * @param grace how old an orphan must be to be removed
	 */
	Result reconcile(Map<String, String> scope, Duration grace) {
		Map<String, String> labels = new HashMap<>(scope);
		labels.put(LendingSpecs.KIND_LABEL, LendingSpecs.KIND);
		List<ContainerInfo> present = this.engine.list(labels);
		int gone = markVanished(this.engine.list(Map.of(LendingSpecs.KIND_LABEL, LendingSpecs.KIND)));
		int orphans = 0;
		int removed = 0;
		Instant now = this.clock.instant();
		for (ContainerInfo container : present) {
			if (!isOrphan(container)) {
				this.firstSeen.remove(container.id());
				continue;
			}
			orphans++;
			Instant since = (container.startedAt() != null) ? container.startedAt()
					: this.firstSeen.computeIfAbsent(container.id(), (id) -> now);
			if (now.isBefore(since.plus(grace))) {
				log.warn("Container {} ({}) of {} carries wm.container-id={} but has no row; removing it after {}",
						container.id(), container.name(), container.labels().get(LendingSpecs.OWNER_LABEL),
						container.labels().get(LendingSpecs.ID_LABEL), since.plus(grace));
				continue;
			}
			// look again: the row of a launch may have been saved meanwhile
			if (isOrphan(container)) {
				this.engine.remove(container.id());
				this.firstSeen.remove(container.id());
				removed++;
				log.warn("Removed container {} ({}) of {}: it has had no row since {}", container.id(),
						container.name(), container.labels().get(LendingSpecs.OWNER_LABEL), since);
			}
		}
		if (scope.isEmpty()) {
			Set<String> ids = present.stream().map(ContainerInfo::id).collect(Collectors.toSet());
			this.firstSeen.keySet().retainAll(ids);
		}
		return new Result(gone, orphans, removed);
	}

	/** Rows whose container the engine no longer has; each is checked once more. */
	private int markVanished(List<ContainerInfo> present) {
		Set<String> ids = present.stream().map(ContainerInfo::id).collect(Collectors.toSet());
		int gone = 0;
		for (ContainerRecord row : this.store.engineBacked(this.engine.name())) {
			if (ids.contains(row.containerId()) || this.engine.inspect(row.containerId()).isPresent()) {
				continue;
			}
			Boolean marked = this.transaction.execute((status) -> this.store.markGone(row.id(), row.containerId()));
			if (Boolean.TRUE.equals(marked)) {
				gone++;
				log.warn(
						"Container {} of {} ({}) vanished from the container engine; marked gone, its host ports freed",
						row.id(), row.owner(), row.name());
			}
		}
		return gone;
	}

	/**
	 * Whether no row claims the container: none with its {@code wm.container-id}, or one
	 * that already points at another container. A row still being launched (no container
	 * id yet) claims it.
	 */
	private boolean isOrphan(ContainerInfo container) {
		Optional<ContainerRecord> row = rowId(container).flatMap(this.store::find);
		return row.map((r) -> r.containerId() != null && !r.containerId().equals(container.id())).orElse(true);
	}

	private static Optional<Long> rowId(ContainerInfo container) {
		try {
			return Optional.of(Long.parseLong(container.labels().getOrDefault(LendingSpecs.ID_LABEL, "")));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @param gone rows marked gone in this pass
	 * @param orphans labelled containers without a row
	 * @param removed orphans removed in this pass
	 */
	record Result(int gone, int orphans, int removed) {
	}

}
