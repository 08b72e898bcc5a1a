package org.whalemountain.runners;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import org.springframework.stereotype.Component;
import org.whalemountain.platform.UnavailableException;
import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerEngines;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.ContainerStatus;
import org.whalemountain.workloads.engine.EngineLabels;
import org.whalemountain.workloads.engine.EngineUnavailableException;

/**
 * The runner containers on the engine: {@code wm-runner-<user>}, labelled with owner and
 * kind, with the rendered {@code config.toml} copied in before start. Copying instead of
 * bind-mounting keeps the runner token off the service host's disk and works with a
 * remote Docker host too.
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

	/** The runner container spec: a pure function of the user and the configuration. */
	static ContainerSpec spec(String username, RunnersProperties properties) {
		return new ContainerSpec(containerName(username), properties.image(), List.of(), List.of(), List.of(),
				Map.of(EngineLabels.KIND_LABEL, EngineLabels.RUNNER_KIND, EngineLabels.OWNER_LABEL, username), null,
				List.of(new ContainerSpec.Mount(properties.dockerSocket(), "/var/run/docker.sock", false)),
				new ContainerSpec.Resources(properties.runnerNanoCpus(), properties.runnerMemoryBytes(), 256),
				ContainerSpec.RestartPolicy.UNLESS_STOPPED, ContainerSpec.Security.HARDENED, null);
	}

	/**
	 * Checks, before anything changes, that the engine answers and has the runner image.
	 * @throws UnavailableException naming the missing piece and what to do
	 */
	void checkReady() {
		try {
			if (!this.engine.imagePresent(this.properties.image())) {
				throw new UnavailableException("runner-image-missing", "The runner image " + this.properties.image()
						+ " is not on the Docker host. An operator must load it there (docker pull or docker load) "
						+ "or set wm.runners.image to an image that is.", null);
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
			this.engine.ensureNetwork(EngineLabels.network(username), Map.of(EngineLabels.OWNER_LABEL, username));
			String created = this.engine.create(spec(username, this.properties));
			this.engine.copyIn(created, "/etc", new ByteArrayInputStream(configTar(configToml)));
			this.engine.start(created);
			return created;
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
				boolean running = container != null && container.status() == ContainerStatus.RUNNING;
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
				+ "look at the runner image " + this.properties.image() + " on the Docker host.", null);
	}

	private static UnavailableException dockerDown(EngineUnavailableException ex) {
		return new UnavailableException("docker-unavailable",
				"The Docker host does not answer (" + ex.getMessage() + "). Nothing was changed; try again later.",
				Duration.ofSeconds(30));
	}

	/** {@code gitlab-runner/config.toml}, mode 0600, in a tar to unpack under /etc. */
	static byte[] configTar(String configToml) {
		byte[] content = configToml.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
			TarArchiveEntry dir = new TarArchiveEntry("gitlab-runner/");
			dir.setMode(040700);
			tar.putArchiveEntry(dir);
			tar.closeArchiveEntry();
			TarArchiveEntry file = new TarArchiveEntry("gitlab-runner/config.toml");
			file.setMode(0100600);
			file.setSize(content.length);
			tar.putArchiveEntry(file);
			tar.write(content);
			tar.closeArchiveEntry();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Writing a tar to memory cannot fail", ex);
		}
		return bytes.toByteArray();
	}

}
