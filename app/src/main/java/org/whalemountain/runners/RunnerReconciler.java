package org.whalemountain.runners;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.whalemountain.workloads.ContainerInfo;
import org.whalemountain.workloads.EngineException;

/**
 * Makes Docker match the database when the service starts: a registered runner whose
 * container is gone gets a new one; a runner container nobody registered is removed. The
 * database wins because it holds the tokens the containers are rendered from.
 */
@Component
class RunnerReconciler {

	private static final Logger log = LoggerFactory.getLogger(RunnerReconciler.class);

	private final RunnerStore store;

	private final RunnerContainers containers;

	private final RunnerConfigFactory configs;

	private final RunnerLock lock;

	RunnerReconciler(RunnerStore store, RunnerContainers containers, RunnerConfigFactory configs, RunnerLock lock) {
		this.store = store;
		this.containers = containers;
		this.configs = configs;
		this.lock = lock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		try {
			Result result = reconcile();
			log.info("Runner reconciliation: {} recreated, {} orphans removed", result.recreated(), result.removed());
		}
		catch (EngineException ex) {
			log.warn("Runner reconciliation skipped, the Docker host does not answer: {}", ex.getMessage());
		}
	}

	Result reconcile() {
		Map<String, RunnerRecord> registered = this.store.all()
			.stream()
			.collect(Collectors.toMap(RunnerRecord::username, Function.identity()));
		int removed = 0;
		for (ContainerInfo container : this.containers.all()) {
			RunnerRecord owner = registered.get(container.labels().get(RunnerContainers.OWNER_LABEL));
			if (owner == null || !container.id().equals(owner.containerId())) {
				this.containers.remove(container.id());
				removed++;
			}
		}
		int recreated = 0;
		for (RunnerRecord runner : registered.values()) {
			if (this.containers.inspect(runner.containerId()).isEmpty()) {
				this.lock.exclusively(runner.username(), () -> recreate(runner));
				recreated++;
			}
		}
		return new Result(recreated, removed);
	}

	private RunnerRecord recreate(RunnerRecord runner) {
		String containerId = this.containers.replace(runner.username(), this.configs.configToml(runner));
		RunnerRecord started = runner.withContainer(containerId, null, java.time.Instant.now());
		this.store.save(started);
		return started;
	}

	record Result(int recreated, int removed) {
	}

}
