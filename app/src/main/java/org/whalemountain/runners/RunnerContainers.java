package org.whalemountain.runners;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.whalemountain.platform.UnavailableException;
import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerEngines;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerState;
import org.whalemountain.workloads.engine.EngineLabels;
import org.whalemountain.workloads.engine.EngineUnavailableException;

/**
 * The runner containers on the engine: {@code wm-runner-<user>}, labelled with owner and
 * kind ({@link RunnerSpecs}), with the rendered {@code config.toml} placed as a file of
 * the spec before start. A file of the spec instead of a host directory keeps the runner
 * token off the service host's disk and works with a remote engine too.
 */
@Component
class RunnerContainers {

	/** How often a starting runner container is looked at. */
	private static final Duration STARTUP_POLL = Duration.ofMillis(200);

	private final ContainerEngine engine;

	private final RunnersProperties properties;

	/**
	 * Resolves {@code wm.runners.engine} once, so that a name the service has no enabled
	 * engine for stops the start instead of failing every registration.
	 */
	RunnerContainers(ContainerEngines engines, RunnersProperties properties) {
		try {
			this.engine = engines.named(properties.engine());
		}
		catch (UnavailableException ex) {
			throw new IllegalStateException("wm.runners.engine is " + properties.engine()
					+ ", which is not an enabled engine; set it to one of wm.workloads.engines.enabled "
					+ engines.enabled().stream().map(ContainerEngine::name).toList() + ".", ex);
		}
		this.properties = properties;
	}

	/** The name of the engine runner containers run on. */
	String engineName() {
		return this.engine.name();
	}

	static String containerName(String username) {
		return "wm-runner-" + username;
	}

	/**
	 * The namespace the runner and its jobs run in, or {@code null} on an engine without
	 * namespaces, where the docker executor's template applies.
	 * @throws IllegalStateException when the runner is meant to use the kubernetes
	 * executor and the engine names no namespace
	 */
	String namespaceOf(String username) {
		String namespace = this.engine.namespaceOf(username).orElse(null);
		if (namespace == null && RunnerSpecs.KUBERNETES.equals(this.properties.engine())) {
			throw new IllegalStateException(
					"The " + this.engine.name() + " engine names no namespace for " + username + "'s runner jobs.");
		}
		return namespace;
	}

	/**
	 * Checks, before anything changes, that the engine answers and has the runner image.
	 * @throws UnavailableException naming the missing piece and what to do
	 */
	void checkReady() {
		try {
			if (!this.engine.hasImage(this.properties.image())) {
				throw new UnavailableException("runner-image-missing",
						"The runner image " + this.properties.image() + " is not on the " + this.engine.name()
								+ " engine. An operator must load it there (" + this.engine.name() + " pull or "
								+ this.engine.name() + " load) or set wm.runners.image to an image that is.",
						null);
			}
		}
		catch (EngineUnavailableException ex) {
			throw dockerDown(ex);
		}
	}

	/** Replaces the user's runner container with a new one running this configuration. */
	String replace(String username, String configToml) {
		try {
			removeAll(username);
			// the image was checked to be there: nothing is pulled for a runner
			return this.engine.run(RunnerSpecs.spec(username, this.properties, configToml), null, (progress) -> {
			}).id();
		}
		catch (EngineUnavailableException ex) {
			throw dockerDown(ex);
		}
	}

	/**
	 * Blocks until the new container has kept running for
	 * {@code wm.runners.startup-check}: a runner that cannot start (a configuration it
	 * refuses, a missing socket) exits at once, and its restart policy then restarts it
	 * over and over.
	 * @throws UnavailableException {@code runner-start-failed} when it stopped, restarted
	 * or vanished in that time
	 */
	void awaitUp(String containerId) {
		long deadline = System.nanoTime() + this.properties.startupCheck().toNanos();
		Instant firstStart = null;
		try {
			while (true) {
				ContainerInfo container = this.engine.inspect(containerId).orElse(null);
				boolean running = container != null && container.state() == ContainerState.RUNNING;
				if (running && firstStart == null) {
					firstStart = container.startedAt();
				}
				if (!running || !Objects.equals(firstStart, container.startedAt())) {
					throw startFailed(container);
				}
				if (System.nanoTime() - deadline >= 0) {
					return;
				}
				Thread.sleep(STARTUP_POLL.toMillis());
			}
		}
		catch (EngineUnavailableException ex) {
			throw dockerDown(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UnavailableException("runner-start-failed",
					"The service stopped while the new runner was starting. Register again.", null);
		}
	}

	Optional<ContainerInfo> inspect(String containerId) {
		return (containerId == null) ? Optional.empty() : this.engine.inspect(containerId);
	}

	/** Every runner container of the user (normally one). */
	List<ContainerInfo> of(String username) {
		return this.engine
			.list(Map.of(EngineLabels.KIND_LABEL, EngineLabels.RUNNER_KIND, EngineLabels.OWNER_LABEL, username));
	}

	/** Every runner container on the engine. */
	List<ContainerInfo> all() {
		return this.engine.list(Map.of(EngineLabels.KIND_LABEL, EngineLabels.RUNNER_KIND));
	}

	void removeAll(String username) {
		of(username).forEach((container) -> this.engine.remove(container.id()));
	}

	void remove(String containerId) {
		this.engine.remove(containerId);
	}

	private UnavailableException startFailed(ContainerInfo container) {
		String how = (container == null) ? "disappeared" : (container.exitCode() != null && container.exitCode() != 0)
				? "stopped with exit code " + container.exitCode() : "stopped";
		return new UnavailableException("runner-start-failed", "The new runner container " + how
				+ " right after it started, so nothing was changed: a runner you had keeps working. An operator must "
				+ "look at the runner image " + this.properties.image() + " on the " + this.engine.name() + " engine.",
				null);
	}

	private static UnavailableException dockerDown(EngineUnavailableException ex) {
		return new UnavailableException("docker-unavailable",
				"The container engine does not answer (" + ex.getMessage() + "). Nothing was changed; try again later.",
				Duration.ofSeconds(30));
	}

}
