package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerEngines;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.EngineLabels;
import org.whalemountain.workloads.engine.EngineUnavailableException;
import org.whalemountain.workloads.launch.ImagePulls;
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
 * the Docker host) is marked {@code gone} and its host ports are freed for others; a
 * labelled container without a row (left by a crash between create and save) is reported
 * and removed once older than {@code wm.workloads.orphan-grace}, so that a launch that is
 * still saving is never cut short. Each enabled engine is compared with the rows launched
 * on it, one after the other, so that one engine that is down holds up none of the
 * others.
 */
@Component
class ContainerReconciler {

	private static final Logger log = LoggerFactory.getLogger(ContainerReconciler.class);

	private final ContainerEngines engines;

	private final ContainerStore store;

	private final WorkloadsProperties properties;

	private final TransactionTemplate transaction;

	private final ImagePulls pulls;

	private final Clock clock;

	/**
	 * When an orphan that never started was first seen, by engine and container id: the
	 * engine reports no creation time. Forgotten on restart, which only delays removal by
	 * one grace period.
	 */
	private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

	ContainerReconciler(ContainerEngines engines, ContainerStore store, WorkloadsProperties properties,
			TransactionTemplate transaction, ImagePulls pulls, Clock clock) {
		this.engines = engines;
		this.store = store;
		this.properties = properties;
		this.transaction = transaction;
		this.pulls = pulls;
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
		for (ContainerEngine engine : this.engines.enabled()) {
			try {
				failStalePulls(engine);
				Result result = reconcile(engine, Map.of(), this.properties.orphanGrace());
				if (result.gone() + result.orphans() > 0) {
					log.info("Container reconciliation on {}: {} vanished and marked gone, {} orphans found, "
							+ "{} removed", engine.name(), result.gone(), result.orphans(), result.removed());
				}
			}
			catch (EngineUnavailableException ex) {
				log.warn("Container reconciliation on {} skipped, the engine does not answer: {}", engine.name(),
						ex.getMessage());
			}
			catch (RuntimeException ex) {
				log.warn("Container reconciliation on {} failed: {}", engine.name(), ex.toString());
			}
		}
	}

	/**
	 * One pass.
	 * @param scope labels an orphan must carry besides {@code wm.kind=container} to be
	 * considered (empty: every lent container)
	 * @param grace how old an orphan must be to be removed
	 */
	Result reconcile(Map<String, String> scope, Duration grace) {
		return this.engines.enabled()
			.stream()
			.map((engine) -> reconcile(engine, scope, grace))
			.reduce(new Result(0, 0, 0), Result::plus);
	}

	/** One pass over one engine and the rows launched on it. */
	private Result reconcile(ContainerEngine engine, Map<String, String> scope, Duration grace) {
		Map<String, String> labels = new HashMap<>(scope);
		labels.put(EngineLabels.KIND_LABEL, EngineLabels.CONTAINER_KIND);
		List<ContainerInfo> present = engine.list(labels);
		int gone = markVanished(engine, engine.list(Map.of(EngineLabels.KIND_LABEL, EngineLabels.CONTAINER_KIND)));
		int orphans = 0;
		int removed = 0;
		Instant now = this.clock.instant();
		for (ContainerInfo container : present) {
			String seenKey = seenKey(engine, container);
			if (!isOrphan(container)) {
				this.firstSeen.remove(seenKey);
				continue;
			}
			orphans++;
			Instant since = (container.startedAt() != null) ? container.startedAt()
					: this.firstSeen.computeIfAbsent(seenKey, (key) -> now);
			if (now.isBefore(since.plus(grace))) {
				log.warn("Container {} ({}) of {} carries wm.container-id={} but has no row; removing it after {}",
						container.id(), container.name(), container.labels().get(EngineLabels.OWNER_LABEL),
						container.labels().get(EngineLabels.ID_LABEL), since.plus(grace));
				continue;
			}
			// look again: the row of a launch may have been saved meanwhile
			if (isOrphan(container)) {
				engine.remove(container.id());
				this.firstSeen.remove(seenKey);
				removed++;
				log.warn("Removed container {} ({}) of {}: it has had no row since {}", container.id(),
						container.name(), container.labels().get(EngineLabels.OWNER_LABEL), since);
			}
		}
		if (scope.isEmpty()) {
			Set<String> keys = present.stream().map((c) -> seenKey(engine, c)).collect(Collectors.toSet());
			this.firstSeen.keySet().removeIf((key) -> key.startsWith(engine.name() + "/") && !keys.contains(key));
		}
		return new Result(gone, orphans, removed);
	}

	/**
	 * Fails pulling launches that no pull moves any more: those this instance does not
	 * work on and whose progress has not changed for
	 * {@code wm.workloads.pull.stale-after} (the pull died with a service that stopped;
	 * another replica's live pull keeps writing progress). Their host ports are freed.
	 * @return how many were failed
	 */
	int failStalePulls() {
		return this.engines.enabled().stream().mapToInt(this::failStalePulls).sum();
	}

	private int failStalePulls(ContainerEngine engine) {
		Instant now = this.clock.instant();
		int failed = 0;
		for (ContainerRecord row : this.store.pullingSince(engine.name(),
				now.minus(this.properties.pull().staleAfter()))) {
			if (!this.pulls.isActive(row.id()) && this.store.fail(row.id(),
					"The pull of the image stopped when the service restarted; delete the container and launch again.",
					now)) {
				failed++;
				log.warn("Launch {} of {} ({}) was still pulling with no pull running; marked failed", row.id(),
						row.owner(), row.name());
			}
		}
		return failed;
	}

	/** Rows whose container the engine no longer has; each is checked once more. */
	private int markVanished(ContainerEngine engine, List<ContainerInfo> present) {
		Set<String> ids = present.stream().map(ContainerInfo::id).collect(Collectors.toSet());
		int gone = 0;
		for (ContainerRecord row : this.store.engineBacked(engine.name())) {
			if (ids.contains(row.containerId()) || engine.inspect(row.containerId()).isPresent()) {
				continue;
			}
			Boolean marked = this.transaction.execute((status) -> this.store.markGone(row.id(), row.containerId()));
			if (Boolean.TRUE.equals(marked)) {
				gone++;
				log.warn("Container {} of {} ({}) vanished from {}; marked gone, its host ports freed", row.id(),
						row.owner(), row.name(), engine.name());
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
			return Optional.of(Long.parseLong(container.labels().getOrDefault(EngineLabels.ID_LABEL, "")));
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

		Result plus(Result other) {
			return new Result(this.gone + other.gone, this.orphans + other.orphans, this.removed + other.removed);
		}

	}

	/** Container ids are unique per engine only. */
	private static String seenKey(ContainerEngine engine, ContainerInfo container) {
		return engine.name() + "/" + container.id();
	}

}
