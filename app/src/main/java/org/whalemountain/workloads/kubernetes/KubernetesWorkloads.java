package org.whalemountain.workloads.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;

import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerNotFoundException;
import org.whalemountain.workloads.engine.ContainerNotRunningException;
import org.whalemountain.workloads.engine.ContainerState;

/**
 * A container's Deployment and what goes with it: reading it as the port's
 * {@link ContainerInfo}, and its life cycle. Stop scales to 0 and keeps the Deployment
 * (its name, Service and quota stay the user's, as a stopped Docker container keeps its
 * name); start scales to 1; both block until the pod is gone or running. Remove deletes
 * the Deployment and everything made with it, but never the user's home claim.
 */
final class KubernetesWorkloads {

	private static final Duration REMOVAL_WAIT = Duration.ofSeconds(30);

	private final KubernetesClient client;

	private final KubernetesProperties properties;

	KubernetesWorkloads(KubernetesClient client, KubernetesProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	String server() {
		return this.client.getConfiguration().getMasterUrl();
	}

	Optional<ContainerInfo> inspect(String containerId) {
		if (!KubernetesContainerRef.isValid(containerId)) {
			return Optional.empty();
		}
		KubernetesContainerRef ref = KubernetesContainerRef.parse(containerId);
		return KubernetesCalls.call(server(), "read the container " + containerId, () -> {
			Deployment deployment = deployment(ref);
			if (deployment == null) {
				return Optional.empty();
			}
			Service service = this.client.services().inNamespace(ref.namespace()).withName(ref.name()).get();
			List<Ingress> ingresses = this.client.network()
				.v1()
				.ingresses()
				.inNamespace(ref.namespace())
				.withLabels(instance(ref))
				.list()
				.getItems();
			return Optional.of(KubernetesContainerStates.info(deployment, pods(ref),
					KubernetesEndpoints.of(ref, service, ingresses, this.properties.nodePorts().address())));
		});
	}

	/**
	 * Every container the service made whose labels include these, in any of its users'
	 * namespaces: only those with its namespace prefix, so that two services sharing a
	 * cluster under different prefixes (a staging and a production one) never reconcile
	 * each other's containers away. Endpoints are left out: read them with
	 * {@link #inspect}.
	 */
	List<ContainerInfo> list(Map<String, String> labels) {
		Map<String, String> selector = new TreeMap<>(KubernetesLabels.selector(labels));
		selector.put(KubernetesWorkloadObjects.MANAGED_BY_LABEL, KubernetesWorkloadObjects.MANAGER);
		return KubernetesCalls.call(server(), "list containers", () -> {
			List<Deployment> deployments = this.client.apps()
				.deployments()
				.inAnyNamespace()
				.withLabels(selector)
				.list()
				.getItems()
				.stream()
				.filter((deployment) -> deployment.getMetadata()
					.getNamespace()
					.startsWith(this.properties.namespacePrefix()))
				.toList();
			List<Pod> pods = deployments.isEmpty() ? List.of()
					: this.client.pods().inAnyNamespace().withLabels(selector).list().getItems();
			return deployments.stream().map((deployment) -> {
				String namespace = deployment.getMetadata().getNamespace();
				String name = deployment.getMetadata().getName();
				List<Pod> own = pods.stream()
					.filter((pod) -> namespace.equals(pod.getMetadata().getNamespace())
							&& name.equals(pod.getMetadata().getLabels().get(KubernetesWorkloadObjects.INSTANCE_LABEL)))
					.toList();
				return KubernetesContainerStates.info(deployment, own, List.of());
			}).toList();
		});
	}

	void start(String containerId) {
		KubernetesContainerRef ref = KubernetesContainerRef.parse(containerId);
		KubernetesCalls.run(server(), "start the container " + containerId, () -> {
			scale(ref, 1);
		});
		awaitSettled(ref, this.properties.pods().startWait());
	}

	void stop(String containerId, Duration grace) {
		KubernetesContainerRef ref = KubernetesContainerRef.parse(containerId);
		KubernetesCalls.run(server(), "stop the container " + containerId, () -> {
			scale(ref, 0);
			// the ReplicaSet would give its pods their own grace period; the caller's is
			// the one to keep
			deletePods(ref, Math.max(1, grace.toSeconds()));
		});
		await(ref, List::isEmpty, grace.plus(REMOVAL_WAIT));
	}

	void remove(String containerId) {
		if (!KubernetesContainerRef.isValid(containerId)) {
			return;
		}
		KubernetesContainerRef ref = KubernetesContainerRef.parse(containerId);
		KubernetesCalls.run(server(), "remove the container " + containerId, () -> {
			String namespace = ref.namespace();
			this.client.apps().deployments().inNamespace(namespace).withName(ref.name()).delete();
			// as docker rm -f: the process is killed, not asked
			deletePods(ref, 0);
			this.client.services().inNamespace(namespace).withName(ref.name()).delete();
			for (Ingress ingress : this.client.network()
				.v1()
				.ingresses()
				.inNamespace(namespace)
				.withLabels(instance(ref))
				.list()
				.getItems()) {
				this.client.resource(ingress).delete();
			}
			this.client.secrets().inNamespace(namespace).withName(ref.name() + "-files").delete();
			this.client.secrets().inNamespace(namespace).withName(ref.name() + "-pull").delete();
		});
	}

	/**
	 * The pod a command, a terminal or files go to.
	 * @throws ContainerNotFoundException without the Deployment
	 * @throws ContainerNotRunningException when no pod of it runs
	 */
	String runningPod(String containerId) {
		KubernetesContainerRef ref = KubernetesContainerRef.parse(containerId);
		return KubernetesCalls.call(server(), "find the pod of " + containerId, () -> {
			Deployment deployment = deployment(ref);
			if (deployment == null) {
				throw new ContainerNotFoundException("There is no container " + containerId + " on Kubernetes", null);
			}
			List<Pod> pods = pods(ref);
			Optional<Pod> pod = KubernetesContainerStates.current(pods);
			if (pod.isEmpty()
					|| KubernetesContainerStates.info(deployment, pods, List.of()).state() != ContainerState.RUNNING) {
				throw new ContainerNotRunningException("The container " + containerId + " is not running", null);
			}
			return pod.get().getMetadata().getName();
		});
	}

	/**
	 * The newest pod of the container, running or not, for its logs; empty when it has
	 * none (stopped).
	 * @throws ContainerNotFoundException without the Deployment
	 */
	Optional<String> anyPod(String containerId) {
		KubernetesContainerRef ref = KubernetesContainerRef.parse(containerId);
		return KubernetesCalls.call(server(), "find the pod of " + containerId, () -> {
			if (deployment(ref) == null) {
				throw new ContainerNotFoundException("There is no container " + containerId + " on Kubernetes", null);
			}
			return KubernetesContainerStates.current(pods(ref)).map((pod) -> pod.getMetadata().getName());
		});
	}

	/**
	 * Waits until the container's pod runs or has failed, for at most {@code wait}; a pod
	 * still pending then is left to be polled.
	 */
	void awaitSettled(KubernetesContainerRef ref, Duration wait) {
		Deployment deployment = KubernetesCalls.call(server(), "read the container " + ref.id(), () -> deployment(ref));
		if (deployment == null) {
			throw new ContainerNotFoundException("There is no container " + ref.id() + " on Kubernetes", null);
		}
		await(ref,
				(pods) -> KubernetesContainerStates.info(deployment, pods, List.of()).state() != ContainerState.PENDING,
				wait);
	}

	private void await(KubernetesContainerRef ref, Predicate<List<Pod>> condition, Duration wait) {
		var future = this.client.pods()
			.inNamespace(ref.namespace())
			.withLabels(instance(ref))
			.informOnCondition(condition);
		try {
			future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			// still on its way: the state says so, and the caller may poll it
		}
		catch (ExecutionException ex) {
			// the watch broke; the next read of the state tells how far it got
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			future.cancel(true);
		}
	}

	/**
	 * One by one, by name: deleting by a label selector would need the wider
	 * {@code deletecollection} permission.
	 */
	private void deletePods(KubernetesContainerRef ref, long graceSeconds) {
		for (Pod pod : pods(ref)) {
			this.client.pods()
				.inNamespace(ref.namespace())
				.withName(pod.getMetadata().getName())
				.withGracePeriod(graceSeconds)
				.delete();
		}
	}

	private void scale(KubernetesContainerRef ref, int replicas) {
		Deployment deployment = deployment(ref);
		if (deployment == null) {
			throw new ContainerNotFoundException("There is no container " + ref.id() + " on Kubernetes", null);
		}
		if (deployment.getSpec().getReplicas() == null || deployment.getSpec().getReplicas() != replicas) {
			this.client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).scale(replicas);
		}
	}

	private Deployment deployment(KubernetesContainerRef ref) {
		return this.client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
	}

	private List<Pod> pods(KubernetesContainerRef ref) {
		return this.client.pods().inNamespace(ref.namespace()).withLabels(instance(ref)).list().getItems();
	}

	static Map<String, String> instance(KubernetesContainerRef ref) {
		return Map.of(KubernetesWorkloadObjects.INSTANCE_LABEL, ref.name(), KubernetesWorkloadObjects.MANAGED_BY_LABEL,
				KubernetesWorkloadObjects.MANAGER);
	}

}
