package org.whalemountain.workloads.kubernetes;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.fabric8.kubernetes.client.KubernetesClient;

import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.ExecResult;
import org.whalemountain.workloads.engine.PullProgress;
import org.whalemountain.workloads.engine.RegistryCredentials;
import org.whalemountain.workloads.engine.StartedContainer;
import org.whalemountain.workloads.engine.TerminalSession;

/**
 * The {@link ContainerEngine} on a Kubernetes cluster, through fabric8: a container is a
 * Deployment of one pod in its owner's namespace, with its Service, Ingresses and
 * Secrets; its id is {@code <namespace>/<deployment>}. Running is {@link KubernetesRuns}
 * (what to create is computed by {@link KubernetesWorkloadObjects}), the life cycle
 * {@link KubernetesWorkloads}, reading {@link KubernetesLookups} (states by
 * {@link KubernetesContainerStates}), commands, files and logs {@link KubernetesExec},
 * terminals {@link KubernetesTerminals}; this class only hands each call on. Thread-safe.
 */
final class KubernetesContainerEngine implements ContainerEngine {

	private final KubernetesClient client;

	private final KubernetesRuns runs;

	private final KubernetesWorkloads workloads;

	private final KubernetesLookups lookups;

	private final KubernetesExec exec;

	private final KubernetesTerminals terminals;

	private final KubernetesImages images;

	private final UserNamespaces namespaces;

	KubernetesContainerEngine(KubernetesClient client, UserNamespaces namespaces, KubernetesProperties properties) {
		this.client = client;
		this.namespaces = namespaces;
		this.lookups = new KubernetesLookups(client, properties);
		this.workloads = new KubernetesWorkloads(client, properties, this.lookups);
		this.runs = new KubernetesRuns(client, namespaces, properties, this.workloads, this.lookups);
		this.exec = new KubernetesExec(client, this.lookups);
		this.terminals = new KubernetesTerminals(client, this.lookups);
		this.images = new KubernetesImages(client);
	}

	@Override
	public String name() {
		return KubernetesCalls.ENGINE;
	}

	@Override
	public boolean answers() {
		try {
			return this.client.getKubernetesVersion() != null;
		}
		catch (RuntimeException ex) {
			// unreachable, refused or timed out: to a status answer all mean "not up"
			return false;
		}
	}

	@Override
	public boolean hasImage(String image) {
		return this.images.present(image);
	}

	@Override
	public StartedContainer run(ContainerSpec spec, RegistryCredentials credentials, Consumer<PullProgress> progress) {
		return this.runs.run(spec, credentials, progress);
	}

	@Override
	public void start(String containerId) {
		this.workloads.start(containerId);
	}

	@Override
	public void stop(String containerId, Duration grace) {
		this.workloads.stop(containerId, grace);
	}

	@Override
	public void remove(String containerId) {
		this.workloads.remove(containerId);
	}

	@Override
	public Optional<ContainerInfo> inspect(String containerId) {
		return this.lookups.inspect(containerId);
	}

	@Override
	public List<ContainerInfo> list(Map<String, String> labels) {
		return this.lookups.list(labels);
	}

	@Override
	public ExecResult exec(String containerId, List<String> command, Duration timeout, int outputLimit) {
		return this.exec.run(containerId, command, timeout, outputLimit);
	}

	@Override
	public TerminalSession openTerminal(String containerId, List<String> command, int columns, int rows,
			Consumer<byte[]> output, Runnable ended) {
		return this.terminals.open(containerId, command, columns, rows, output, ended);
	}

	@Override
	public void putFiles(String containerId, String directory, InputStream tar) {
		this.exec.putFiles(containerId, directory, tar);
	}

	@Override
	public String logs(String containerId, int tail) {
		return this.exec.logs(containerId, tail);
	}

	/** Each owner's containers live in the owner's namespace. */
	@Override
	public Optional<String> namespaceOf(String owner) {
		return Optional.of(this.namespaces.namespaceOf(owner));
	}

}
