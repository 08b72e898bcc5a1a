package org.whalemountain.runners;

import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.EngineUnavailableException;

/** A runner's status as its container shows it right now. */
record RunnerState(RunnerStatus status, String message) {

	static RunnerState of(RunnerRecord runner, RunnerContainers containers) {
		try {
			return containers.inspect(runner.containerId())
				.map(RunnerState::of)
				.orElse(new RunnerState(RunnerStatus.STOPPED,
						"The runner container is missing; the service recreates it within minutes, or register again."));
		}
		catch (EngineUnavailableException ex) {
			return new RunnerState(RunnerStatus.FAILED, "The container engine does not answer: " + ex.getMessage());
		}
	}

	static RunnerState of(ContainerInfo container) {
		return switch (container.state()) {
			case RUNNING -> new RunnerState(RunnerStatus.RUNNING, null);
			case PENDING -> new RunnerState(RunnerStatus.STARTING, null);
			case FAILED -> new RunnerState(RunnerStatus.FAILED, container.reason());
			case STOPPED -> (container.exitCode() != null && container.exitCode() != 0)
					? new RunnerState(RunnerStatus.FAILED,
							"The runner exited with code " + container.exitCode() + "; see its logs.")
					: new RunnerState(RunnerStatus.STOPPED, "The runner container is stopped.");
			case GONE -> new RunnerState(RunnerStatus.STOPPED,
					"The runner container is missing; the service recreates it within minutes, or register again.");
		};
	}

}
