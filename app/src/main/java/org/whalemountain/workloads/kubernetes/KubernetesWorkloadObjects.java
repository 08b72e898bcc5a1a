package org.whalemountain.workloads.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import org.whalemountain.workloads.engine.ContainerSpec;

/**
 * Turns a {@link ContainerSpec} and its {@link KubernetesPlacement} into the objects the
 * engine applies: the Deployment here, its Service and Ingresses in
 * {@link KubernetesServiceObjects}, its Secrets in {@link KubernetesSecretObjects}. Pure,
 * as a spawner's {@code make_pod}, so that what the cluster is asked for is checked
 * against expected YAML without a cluster. Pods are built to the {@code restricted} Pod
 * Security Standard the users' namespaces enforce, whatever the spec says: non-root, no
 * privilege escalation, every capability dropped, {@code RuntimeDefault} seccomp (only a
 * spec that asks for {@code UNCONFINED} gets {@code Unconfined}, which that standard then
 * refuses outside a namespace that allows it), no service-account token, no host path.
 */
public final class KubernetesWorkloadObjects {

	/** The one container of each pod. */
	static final String CONTAINER = "workload";

	/** Every object the engine makes carries it, with the object name as its value. */
	static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

	static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

	static final String MANAGER = "whalemountain";

	/** The spec's name exactly as given, which the object's name may have changed. */
	static final String NAME_ANNOTATION = "whalemountain.org/name";

	private KubernetesWorkloadObjects() {
	}

	/** Everything to apply for the spec, the Deployment last (it needs the rest). */
	public static List<HasMetadata> of(ContainerSpec spec, KubernetesPlacement placement) {
		List<HasMetadata> objects = new ArrayList<>();
		KubernetesSecretObjects.files(spec, placement).ifPresent(objects::add);
		KubernetesServiceObjects.service(spec, placement).ifPresent(objects::add);
		objects.addAll(KubernetesServiceObjects.ingresses(spec, placement));
		objects.add(deployment(spec, placement));
		return objects;
	}

	/**
	 * One replica, {@code Recreate}: a user's container is one process with one home, and
	 * two of it side by side during an update would share both.
	 */
	public static Deployment deployment(ContainerSpec spec, KubernetesPlacement placement) {
		return new DeploymentBuilder().withMetadata(meta(spec, placement, placement.objectName()))
			.withNewSpec()
			.withReplicas(1)
			.withNewStrategy()
			.withType("Recreate")
			.endStrategy()
			.withNewSelector()
			.addToMatchLabels(INSTANCE_LABEL, placement.objectName())
			.endSelector()
			.withNewTemplate()
			.withNewMetadata()
			.withLabels(labels(spec, placement))
			.endMetadata()
			.withSpec(pod(spec, placement))
			.endTemplate()
			.endSpec()
			.build();
	}

	static PodSpec pod(ContainerSpec spec, KubernetesPlacement placement) {
		ContainerSpec.RunAs runAs = (spec.runAs() != null && spec.runAs().uid() != 0) ? spec.runAs()
				: placement.defaultRunAs();
		ContainerSpec.Security security = (spec.security() != null) ? spec.security() : ContainerSpec.Security.HARDENED;
		String seccomp = (security.syscalls() == ContainerSpec.SyscallFilter.UNCONFINED) ? "Unconfined"
				: "RuntimeDefault";
		PodSpecBuilder pod = new PodSpecBuilder().withAutomountServiceAccountToken(false)
			// as on Docker, no other container's address in the environment
			.withEnableServiceLinks(false)
			.withSecurityContext(new PodSecurityContextBuilder().withRunAsNonRoot(true)
				.withRunAsUser((long) runAs.uid())
				.withRunAsGroup((long) runAs.gid())
				// so the user may use the home claim and the files Secret
				.withFsGroup((long) runAs.gid())
				.withNewSeccompProfile()
				.withType(seccomp)
				.endSeccompProfile()
				.build())
			.withContainers(container(spec))
			.withVolumes(KubernetesVolumes.volumes(spec, placement));
		if (placement.pullSecret() != null) {
			pod.withImagePullSecrets(new LocalObjectReference(placement.pullSecret()));
		}
		if (spec.volumes().stream().anyMatch((volume) -> volume.source() == ContainerSpec.VolumeSource.ENGINE_API)) {
			// the API as the namespace's runner account; its token only via that volume
			pod.withServiceAccountName(UserNamespaceObjects.RUNNER_ACCOUNT);
		}
		return pod.build();
	}

	private static Container container(ContainerSpec spec) {
		ContainerBuilder container = new ContainerBuilder().withName(CONTAINER)
			.withImage(spec.image())
			// images imported into the nodes are used as they are, as on Docker
			.withImagePullPolicy("IfNotPresent")
			.withEnv(env(spec.env()))
			.withSecurityContext(new SecurityContextBuilder().withPrivileged(false)
				.withAllowPrivilegeEscalation(false)
				.withRunAsNonRoot(true)
				.withNewCapabilities()
				.withDrop("ALL")
				.endCapabilities()
				.build())
			.withVolumeMounts(KubernetesVolumes.mounts(spec));
		// Docker's CMD is Kubernetes' args: the image's ENTRYPOINT stays
		if (!spec.command().isEmpty()) {
			container.withArgs(spec.command());
		}
		spec.ports()
			.stream()
			.map(ContainerSpec.Port::guestPort)
			.distinct()
			.forEach((guest) -> container.addNewPort().withContainerPort(guest).withProtocol("TCP").endPort());
		ContainerSpec.Resources resources = (spec.resources() != null) ? spec.resources()
				: ContainerSpec.Resources.NONE;
		Map<String, Quantity> limits = new TreeMap<>();
		Map<String, Quantity> requests = new TreeMap<>();
		// as UserLimits: limits are Docker's caps; requests a tenth of the CPU and a
		// quarter of the memory, so that the scheduler spreads pods by what they use
		if (resources.nanoCpus() > 0) {
			limits.put("cpu", UserLimits.cpu(resources.nanoCpus()));
			requests.put("cpu", UserLimits.cpu(resources.nanoCpus() / 10));
		}
		if (resources.memoryBytes() > 0) {
			limits.put("memory", UserLimits.memory(resources.memoryBytes()));
			requests.put("memory", UserLimits.memory(resources.memoryBytes() / 4));
		}
		if (!limits.isEmpty()) {
			container
				.withResources(new ResourceRequirementsBuilder().withLimits(limits).withRequests(requests).build());
		}
		return container.build();
	}

	/** {@code NAME=value} entries; an entry without {@code =} is an empty variable. */
	static List<EnvVar> env(List<String> entries) {
		return entries.stream().map((entry) -> {
			int equals = entry.indexOf('=');
			return (equals < 0) ? new EnvVar(entry, "", null)
					: new EnvVar(entry.substring(0, equals), entry.substring(equals + 1), null);
		}).toList();
	}

	/**
	 * The spec's labels, each value made a valid label value (the exact values are in the
	 * annotations), plus the instance and manager labels the engine finds its objects by.
	 */
	static Map<String, String> labels(ContainerSpec spec, KubernetesPlacement placement) {
		Map<String, String> labels = new TreeMap<>();
		spec.labels().forEach((key, value) -> labels.put(key, NamespaceNames.ownerLabel(value)));
		labels.put(INSTANCE_LABEL, placement.objectName());
		labels.put(MANAGED_BY_LABEL, MANAGER);
		return labels;
	}

	/**
	 * Labels, and annotations with the spec's exact name and label values, under
	 * {@code name} in the placement's namespace.
	 */
	static ObjectMeta meta(ContainerSpec spec, KubernetesPlacement placement, String name) {
		Map<String, String> annotations = new TreeMap<>();
		annotations.put(NAME_ANNOTATION, spec.name());
		annotations.put(KubernetesLabels.LABELS_ANNOTATION, KubernetesLabels.json(spec.labels()));
		return new ObjectMetaBuilder().withName(name)
			.withNamespace(placement.namespace())
			.withLabels(labels(spec, placement))
			.withAnnotations(annotations)
			.build();
	}

}
