package org.whalemountain.workloads.reconcile;

import org.whalemountain.workloads.WorkloadsProperties;
import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerEngines;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.EngineLabels;
import org.whalemountain.workloads.engine.EngineUnavailableException;
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

/**
 * Compares the engine with the database, at start-up and periodically, because either can
 * change without the other: a row whose container vanished (removed by hand, lost with
 * the engine's host) is marked {@code gone} and its host ports are freed for others; a
 * labelled container without a row (left by a crash between create and save) is reported
 * and removed once older than {@code wm.workloads.orphan-grace}, so that a launch that is
 * still saving is never cut short. Each enabled engine is compared with the rows launched
 * on it, one after the other, so that one engine that is down holds up none of the
 * others.
 */
@Component
public class ContainerReconciler {

	private static final Logger log = LoggerFactory.getLogger(ContainerReconciler.class);

	private final ContainerEngines engines;

	private final ContainerStore store;

	private final WorkloadsProperties properties;

	private final StaleLaunches staleLaunches;

	private final VanishedContainers vanished;

	private final Clock clock;

	/**
	 * When an orphan that never started was first seen, by engine and container id: the
	 * engine reports no creation time. Forgotten on restart, which only delays removal by
	 * one grace period.
	 */
	private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

	ContainerReconciler(ContainerEngines engines, ContainerStore store, WorkloadsProperties properties,
			StaleLaunches staleLaunches, VanishedContainers vanished, Clock clock) {
		this.engines = engines;
		this.store = store;
		this.properties = properties;
		this.staleLaunches = staleLaunches;
		this.vanished = vanished;
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
				this.staleLaunches.failStale(engine);
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
	public Result reconcile(Map<String, String> scope, Duration grace) {
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
		int gone = this.vanished.markGone(engine,
				engine.list(Map.of(EngineLabels.KIND_LABEL, EngineLabels.CONTAINER_KIND)));
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
	public record Result(int gone, int orphans, int removed) {

		Result plus(Result other) {
			return new Result(this.gone + other.gone, this.orphans + other.orphans, this.removed + other.removed);
		}

	}

	/** Container ids are unique per engine only. */
	private static String seenKey(ContainerEngine engine, ContainerInfo container) {
		return engine.name() + "/" + container.id();
	}

}
