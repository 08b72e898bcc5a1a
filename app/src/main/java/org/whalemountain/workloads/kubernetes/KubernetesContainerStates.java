package org.whalemountain.workloads.kubernetes;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;

import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerState;
import org.whalemountain.workloads.engine.Endpoint;

/**
 * A container's state from its Deployment and the Deployment's pods, in the engine port's
 * words. Pure, so that each case is checked without a cluster:
 * <ul>
 * <li>no Deployment: none (the port's {@code GONE});</li>
 * <li>scaled to 0: {@code STOPPED};</li>
 * <li>no pod because the ReplicaSet may not make one (a quota): {@code FAILED} with the
 * cluster's reason;</li>
 * <li>the pod's container waits on an image it cannot pull, or keeps crashing:
 * {@code FAILED}, explained in the service's words;</li>
 * <li>its container runs: {@code RUNNING};</li>
 * <li>anything else (unscheduled, pulling, creating, a pod being replaced):
 * {@code PENDING} with what it waits for.</li>
 * </ul>
 */
final class KubernetesContainerStates {

	private KubernetesContainerStates() {
	}

	static ContainerInfo info(Deployment deployment, List<Pod> pods, List<Endpoint> endpoints) {
		Map<String, String> annotations = (deployment.getMetadata().getAnnotations() != null)
				? deployment.getMetadata().getAnnotations() : Map.of();
		String name = annotations.getOrDefault(KubernetesWorkloadObjects.NAME_ANNOTATION,
				deployment.getMetadata().getName());
		String image = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
		Optional<Pod> pod = current(pods);
		Optional<ContainerStatus> status = pod.flatMap(KubernetesContainerStates::status);
		Verdict verdict = verdict(deployment, pod, status);
		Integer exitCode = status.map(KubernetesContainerStates::exitCode).orElse(null);
		Instant startedAt = status.map(ContainerStatus::getState)
			.filter((state) -> state.getRunning() != null && state.getRunning().getStartedAt() != null)
			.map((state) -> Instant.parse(state.getRunning().getStartedAt()))
			.orElse(null);
		KubernetesContainerRef ref = KubernetesContainerRef.of(deployment.getMetadata().getNamespace(),
				deployment.getMetadata().getName());
		return new ContainerInfo(ref.id(), name, image, verdict.state(), verdict.reason(), null,
				KubernetesLabels.of(deployment.getMetadata()), endpoints, exitCode, startedAt);
	}

	/** The state and what explains it. */
	record Verdict(ContainerState state, String reason) {
	}

	static Verdict verdict(Deployment deployment, Optional<Pod> pod, Optional<ContainerStatus> status) {
		Integer replicas = deployment.getSpec().getReplicas();
		if (replicas != null && replicas == 0) {
			return new Verdict(ContainerState.STOPPED, null);
		}
		if (pod.isEmpty()) {
			return replicaFailure(deployment)
				.map((message) -> new Verdict(ContainerState.FAILED,
						"Kubernetes may not start it: " + message + ". Delete or stop another container."))
				.orElse(new Verdict(ContainerState.PENDING, "The cluster is making its pod."));
		}
		if (status.isPresent() && status.get().getState() != null) {
			if (status.get().getState().getRunning() != null
					&& pod.get().getMetadata().getDeletionTimestamp() == null) {
				return new Verdict(ContainerState.RUNNING, null);
			}
			ContainerStateWaiting waiting = status.get().getState().getWaiting();
			if (waiting != null && waiting.getReason() != null) {
				String failure = KubernetesWaitingReasons.failure(waiting.getReason(), waiting.getMessage(),
						status.get().getImage());
				if (failure != null) {
					return new Verdict(ContainerState.FAILED, failure);
				}
				return new Verdict(ContainerState.PENDING, KubernetesWaitingReasons.pending(waiting.getReason()));
			}
		}
		return new Verdict(ContainerState.PENDING, unscheduled(pod.get()).orElse("The cluster is starting its pod."));
	}

	/** The newest pod that is not on its way out, else the newest. */
	static Optional<Pod> current(List<Pod> pods) {
		Comparator<Pod> newest = Comparator
			.comparing((Pod pod) -> String.valueOf(pod.getMetadata().getCreationTimestamp()))
			.reversed();
		return pods.stream()
			.sorted(newest)
			.filter((pod) -> pod.getMetadata().getDeletionTimestamp() == null)
			.findFirst()
			.or(() -> pods.stream().sorted(newest).findFirst());
	}

	private static Optional<ContainerStatus> status(Pod pod) {
		if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
			return Optional.empty();
		}
		return pod.getStatus()
			.getContainerStatuses()
			.stream()
			.filter((status) -> KubernetesWorkloadObjects.CONTAINER.equals(status.getName()))
			.findFirst();
	}

	private static Integer exitCode(ContainerStatus status) {
		if (status.getState() != null && status.getState().getTerminated() != null) {
			return status.getState().getTerminated().getExitCode();
		}
		if (status.getLastState() != null && status.getLastState().getTerminated() != null) {
			return status.getLastState().getTerminated().getExitCode();
		}
		return null;
	}

	private static Optional<String> replicaFailure(Deployment deployment) {
		if (deployment.getStatus() == null || deployment.getStatus().getConditions() == null) {
			return Optional.empty();
		}
		return deployment.getStatus()
			.getConditions()
			.stream()
			.filter((c) -> "ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus()))
			.map(DeploymentCondition::getMessage)
			.findFirst();
	}

	private static Optional<String> unscheduled(Pod pod) {
		if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
			return Optional.empty();
		}
		return pod.getStatus()
			.getConditions()
			.stream()
			.filter((c) -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
			.map(PodCondition::getMessage)
			.map((message) -> "No node of the cluster can take it yet: " + message)
			.findFirst();
	}

}
