package org.whalemountain.runners;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.EngineLabels;
import org.whalemountain.workloads.engine.EngineUnavailableException;

/**
 * Makes Docker match the database, at start-up and periodically: a registered runner
 * whose container is gone gets a new one; a runner container nobody registered is
 * removed. The database wins because it holds the tokens the containers are rendered
 * from.
 */
@Component
class RunnerReconciler {

	private static final Logger log = LoggerFactory.getLogger(RunnerReconciler.class);

	private final RunnerStore store;

	private final RunnerContainers containers;

	private final RunnerConfigFactory configs;

	private final RunnerLock lock;

	private final Clock clock;

	RunnerReconciler(RunnerStore store, RunnerContainers containers, RunnerConfigFactory configs, RunnerLock lock,
			Clock clock) {
		this.store = store;
		this.containers = containers;
		this.configs = configs;
		this.lock = lock;
		this.clock = clock;
	}

	/**
	 * At start-up and then every {@code wm.runners.reconcile-interval}; never lets a
	 * failure stop the service.
	 */
	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(initialDelayString = "${wm.runners.reconcile-interval:PT5M}",
			fixedDelayString = "${wm.runners.reconcile-interval:PT5M}")
	void reconcileQuietly() {
		try {
			Result result = reconcile();
			if (result.recreated() + result.removed() + result.failed() > 0) {
				log.info("Runner reconciliation: {} recreated, {} orphans removed, {} failed", result.recreated(),
						result.removed(), result.failed());
			}
		}
		catch (EngineUnavailableException ex) {
			log.warn("Runner reconciliation skipped, the container engine does not answer: {}", ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("Runner reconciliation failed: {}", ex.toString());
		}
	}

	Result reconcile() {
		Map<String, RunnerRecord> registered = this.store.all()
			.stream()
			.collect(Collectors.toMap(RunnerRecord::username, Function.identity()));
		int removed = 0;
		for (ContainerInfo container : this.containers.all()) {
			String owner = container.labels().get(EngineLabels.OWNER_LABEL);
			RunnerRecord runner = registered.get(owner);
			if (runner == null || !container.id().equals(runner.containerId())) {
				removed += removeOrphan(owner, container) ? 1 : 0;
			}
		}
		int recreated = 0;
		int failed = 0;
		for (RunnerRecord runner : registered.values()) {
			if (this.containers.inspect(runner.containerId()).isEmpty()) {
				try {
					this.lock.exclusively(runner.username(), () -> recreate(runner));
					recreated++;
				}
				catch (EngineUnavailableException ex) {
					throw ex;
				}
				catch (RuntimeException ex) {
					// one user's broken runner (a busy lock, a secret sealed with a lost
					// key) must not stop the others
					log.warn("Could not recreate the runner of {}: {}", runner.username(), ex.getMessage());
					failed++;
				}
			}
		}
		return new Result(recreated, removed, failed);
	}

	/**
	 * Removes a runner container the database does not know, under the owner's lock and
	 * after looking again: a registration running right now may just have started it.
	 */
	private boolean removeOrphan(String owner, ContainerInfo container) {
		if (owner == null) {
			this.containers.remove(container.id());
			return true;
		}
		try {
			return this.lock.exclusively(owner, () -> {
				boolean stillOrphan = this.store.find(owner)
					.map((runner) -> !container.id().equals(runner.containerId()))
					.orElse(true);
				if (stillOrphan) {
					this.containers.remove(container.id());
				}
				return stillOrphan;
			});
		}
		catch (org.whalemountain.platform.ConflictException busy) {
			return false;
		}
	}

	private RunnerRecord recreate(RunnerRecord runner) {
		String containerId = this.containers.replace(runner.username(), this.configs.configToml(runner));
		RunnerRecord started = runner.withContainer(containerId, null, this.clock.instant());
		this.store.save(started);
		return started;
	}

	record Result(int recreated, int removed, int failed) {
	}

}
