package org.whalemountain.workloads.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;

import org.whalemountain.workloads.engine.ContainerNotFoundException;
import org.whalemountain.workloads.engine.ContainerState;

/**
 * A container's life cycle on its Deployment (reading it is {@link KubernetesLookups}).
 * Stop scales to 0 and keeps the Deployment (its name, Service and quota stay the user's,
 * as a stopped Docker container keeps its name); start scales to 1; both block until the
 * pod is gone or running. Remove deletes the Deployment and everything made with it, but
 * never the user's home claim.
 */
final class KubernetesWorkloads {

	private static final Duration REMOVAL_WAIT = Duration.ofSeconds(30);

	private final KubernetesClient client;

	private final KubernetesProperties properties;

	private final KubernetesLookups lookups;

	KubernetesWorkloads(KubernetesClient client, KubernetesProperties properties, KubernetesLookups lookups) {
		this.client = client;
		this.properties = properties;
		this.lookups = lookups;
	}

	String server() {
		return this.client.getConfiguration().getMasterUrl();
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
				.withLabels(KubernetesLookups.instance(ref))
				.list()
				.getItems()) {
				this.client.resource(ingress).delete();
			}
			this.client.secrets().inNamespace(namespace).withName(ref.name() + "-files").delete();
			this.client.secrets().inNamespace(namespace).withName(ref.name() + "-pull").delete();
		});
	}

	/**
	 * Waits until the container's pod runs or has failed, for at most {@code wait}; a pod
	 * still pending then is left to be polled.
	 */
	void awaitSettled(KubernetesContainerRef ref, Duration wait) {
		Deployment deployment = KubernetesCalls.call(server(), "read the container " + ref.id(),
				() -> this.lookups.deployment(ref));
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
			.withLabels(KubernetesLookups.instance(ref))
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
		for (Pod pod : this.lookups.pods(ref)) {
			this.client.pods()
				.inNamespace(ref.namespace())
				.withName(pod.getMetadata().getName())
				.withGracePeriod(graceSeconds)
				.delete();
		}
	}

	private void scale(KubernetesContainerRef ref, int replicas) {
		Deployment deployment = this.lookups.deployment(ref);
		if (deployment == null) {
			throw new ContainerNotFoundException("There is no container " + ref.id() + " on Kubernetes", null);
		}
		if (deployment.getSpec().getReplicas() == null || deployment.getSpec().getReplicas() != replicas) {
			this.client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).scale(replicas);
		}
	}

}
