package org.whalemountain.runners;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.EngineLabels;

/**
 * The runner container's spec on each engine: a pure function of the user, the
 * configuration and the rendered {@code config.toml}, which is in place, readable by the
 * runner's user only, before the runner starts.
 */
final class RunnerSpecs {

	/** Where gitlab-runner reads its configuration. */
	static final String CONFIG_PATH = "/etc/gitlab-runner/config.toml";

	/** The engine whose runners use the kubernetes executor. */
	static final String KUBERNETES = "kubernetes";

	private RunnerSpecs() {
	}

	/**
	 * On Docker the runner drives the engine through its socket to run jobs on the user's
	 * network ({@link EngineLabels#network}). On Kubernetes it is given no socket and no
	 * host path: it creates job pods in the user's namespace as the namespace's
	 * {@code runner} ServiceAccount, which the engine gives the runner's pod alone (the
	 * {@link EngineLabels#RUNNER_KIND} label says which pod that is), and it runs as the
	 * non-root job user with every capability dropped, as the namespace's restricted Pod
	 * Security level demands. Either way the engine brings it back after a crash or a
	 * restart.
	 */
	static ContainerSpec spec(String username, RunnersProperties properties, String configToml) {
		boolean kubernetes = KUBERNETES.equals(properties.engine());
		// the engine's API where gitlab-runner looks for it: Docker's socket, or the
		// in-cluster account of the Kubernetes client (token, CA, namespace)
		ContainerSpec.Volume engineApi = kubernetes
				? new ContainerSpec.Volume(ContainerSpec.VolumeSource.ENGINE_API,
						"/var/run/secrets/kubernetes.io/serviceaccount", true)
				: new ContainerSpec.Volume(ContainerSpec.VolumeSource.ENGINE_API, "/var/run/docker.sock", false);
		List<ContainerSpec.Volume> volumes = List.of(engineApi);
		// not root, the image's CMD (run --user=gitlab-runner) needs root; the working
		// directory matters to shell executors only
		List<String> command = kubernetes ? List.of("run", "--config", CONFIG_PATH, "--working-directory", "/tmp")
				: List.of();
		ContainerSpec.Security security = kubernetes
				? new ContainerSpec.Security(true, true, ContainerSpec.SyscallFilter.ENGINE_DEFAULT)
				: ContainerSpec.Security.HARDENED;
		return new ContainerSpec(RunnerContainers.containerName(username), properties.image(), command, List.of(),
				List.of(),
				Map.of(EngineLabels.KIND_LABEL, EngineLabels.RUNNER_KIND, EngineLabels.OWNER_LABEL, username), username,
				volumes, new ContainerSpec.Resources(properties.runnerNanoCpus(), properties.runnerMemoryBytes(), 256),
				security, kubernetes ? runAs(properties.jobUser()) : null, ContainerSpec.Lifecycle.KEEP_RUNNING,
				List.of(new ContainerSpec.SeedFile(CONFIG_PATH, configToml.getBytes(StandardCharsets.UTF_8), 0600)));
	}

	/**
	 * {@code uid:gid}, which {@link RunnersProperties} checked to be numeric and not 0.
	 */
	private static ContainerSpec.RunAs runAs(String jobUser) {
		int colon = jobUser.indexOf(':');
		return new ContainerSpec.RunAs(Integer.parseInt(jobUser.substring(0, colon)),
				Integer.parseInt(jobUser.substring(colon + 1)));
	}

}
