package org.whalemountain.workloads.kubernetes;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import org.junit.jupiter.api.Test;

import org.whalemountain.workloads.SharedSpecs;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.ContainerState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A container's state from its Deployment and pod as the cluster reports them, without a
 * cluster: each case of {@link KubernetesContainerStates} in the port's words.
 */
class KubernetesContainerStatesTests {

	static final ContainerSpec SPEC = SharedSpecs.lentWithHome();

	@Test
	void aRunningContainerIsRunningWithItsExactNameLabelsAndStart() {
		ContainerInfo info = KubernetesContainerStates.info(deployment(1),
				List.of(pod("p1", "2026-12-03T10:00:00Z", running())), List.of());

		assertThat(info.id()).isEqualTo("wm-alice/web");
		assertThat(info.name()).isEqualTo("alice-web");
		assertThat(info.state()).isEqualTo(ContainerState.RUNNING);
		assertThat(info.labels()).containsEntry("wm.container-id", "7").containsEntry("wm.owner", "alice");
		assertThat(info.startedAt()).hasToString("2026-12-03T10:00:05Z");
	}

	@Test
	void scaledToZeroIsStoppedWhateverItsPodStillDoes() {
		assertThat(KubernetesContainerStates
			.info(deployment(0), List.of(pod("p1", "2026-12-03T10:00:00Z", running())), List.of())
			.state()).isEqualTo(ContainerState.STOPPED);
	}

	@Test
	void anImageThatCannotBePulledOrAProcessThatKeepsExitingFailsInOurWords() {
		ContainerInfo pull = KubernetesContainerStates.info(deployment(1),
				List.of(pod("p1", "2026-12-03T10:00:00Z", waiting("ImagePullBackOff", "Back-off pulling"))), List.of());
		ContainerInfo crash = KubernetesContainerStates.info(deployment(1),
				List.of(pod("p1", "2026-12-03T10:00:00Z", waiting("CrashLoopBackOff", "back-off 10s"))), List.of());

		assertThat(pull.state()).isEqualTo(ContainerState.FAILED);
		assertThat(pull.reason()).contains("cannot pull the image docker.io/library/nginx:1")
			.contains("ImagePullBackOff");
		assertThat(crash.state()).isEqualTo(ContainerState.FAILED);
		assertThat(crash.reason()).contains("keeps exiting").contains("logs");
	}

	@Test
	void creatingIsPendingWithWhatItWaitsFor() {
		ContainerInfo info = KubernetesContainerStates.info(deployment(1),
				List.of(pod("p1", "2026-12-03T10:00:00Z", waiting("ContainerCreating", null))), List.of());

		assertThat(info.state()).isEqualTo(ContainerState.PENDING);
		assertThat(info.reason()).contains("pulling the image");
	}

	@Test
	void noPodBecauseOfAQuotaFailsWithTheClustersReason() {
		Deployment refused = new DeploymentBuilder(deployment(1)).withNewStatus()
			.withConditions(new DeploymentConditionBuilder().withType("ReplicaFailure")
				.withStatus("True")
				.withMessage("pods \"web-1\" is forbidden: exceeded quota: wm-quota")
				.build())
			.endStatus()
			.build();

		ContainerInfo info = KubernetesContainerStates.info(refused, List.of(), List.of());

		assertThat(info.state()).isEqualTo(ContainerState.FAILED);
		assertThat(info.reason()).contains("exceeded quota: wm-quota");
		assertThat(KubernetesContainerStates.info(deployment(1), List.of(), List.of()).state())
			.isEqualTo(ContainerState.PENDING);
	}

	@Test
	void theNewestPodThatIsNotTerminatingIsTheContainer() {
		Pod old = new PodBuilder(pod("old", "2026-12-03T11:00:00Z", running())).editMetadata()
			.withDeletionTimestamp("2026-12-03T11:05:00Z")
			.endMetadata()
			.build();
		Pod current = pod("new", "2026-12-03T10:00:00Z", waiting("ContainerCreating", null));

		assertThat(KubernetesContainerStates.current(List.of(old, current)).orElseThrow().getMetadata().getName())
			.isEqualTo("new");
		assertThat(KubernetesContainerStates.info(deployment(1), List.of(old, current), List.of()).state())
			.isEqualTo(ContainerState.PENDING);
	}

	private static Deployment deployment(int replicas) {
		KubernetesPlacement placement = KubernetesWorkloadObjectsTests.placement(SPEC,
				KubernetesWorkloadObjectsTests.NO_INGRESS, null);
		return new DeploymentBuilder(KubernetesWorkloadObjects.deployment(SPEC, placement)).editSpec()
			.withReplicas(replicas)
			.endSpec()
			.build();
	}

	private static Pod pod(String name, String created, io.fabric8.kubernetes.api.model.ContainerState state) {
		return new PodBuilder().withNewMetadata()
			.withName(name)
			.withNamespace("wm-alice")
			.withCreationTimestamp(created)
			.withLabels(Map.of(KubernetesWorkloadObjects.INSTANCE_LABEL, "web"))
			.endMetadata()
			.withNewStatus()
			.withContainerStatuses(new ContainerStatusBuilder().withName(KubernetesWorkloadObjects.CONTAINER)
				.withImage("docker.io/library/nginx:1")
				.withState(state)
				.build())
			.endStatus()
			.build();
	}

	private static io.fabric8.kubernetes.api.model.ContainerState running() {
		return new io.fabric8.kubernetes.api.model.ContainerStateBuilder().withNewRunning()
			.withStartedAt("2026-12-03T10:00:05Z")
			.endRunning()
			.build();
	}

	private static io.fabric8.kubernetes.api.model.ContainerState waiting(String reason, String message) {
		return new io.fabric8.kubernetes.api.model.ContainerStateBuilder().withNewWaiting()
			.withReason(reason)
			.withMessage(message)
			.endWaiting()
			.build();
	}

}
