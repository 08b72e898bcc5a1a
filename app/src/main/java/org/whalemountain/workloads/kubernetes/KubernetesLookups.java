package org.whalemountain.workloads.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
 * Reading containers off the cluster: a container as the port's {@link ContainerInfo}
 * (its Deployment, pods, Service and Ingresses), the containers carrying some labels, and
 * the pod a command, terminal, file or log goes to.
 */
final class KubernetesLookups {

	private final KubernetesClient client;

	private final KubernetesProperties properties;

	KubernetesLookups(KubernetesClient client, KubernetesProperties properties) {
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

	Deployment deployment(KubernetesContainerRef ref) {
		return this.client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
	}

	List<Pod> pods(KubernetesContainerRef ref) {
		return this.client.pods().inNamespace(ref.namespace()).withLabels(instance(ref)).list().getItems();
	}

	static Map<String, String> instance(KubernetesContainerRef ref) {
		return Map.of(KubernetesWorkloadObjects.INSTANCE_LABEL, ref.name(), KubernetesWorkloadObjects.MANAGED_BY_LABEL,
				KubernetesWorkloadObjects.MANAGER);
	}

}
