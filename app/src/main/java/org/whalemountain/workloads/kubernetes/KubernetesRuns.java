package org.whalemountain.workloads.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import org.whalemountain.workloads.engine.ContainerNameTakenException;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.PullProgress;
import org.whalemountain.workloads.engine.RegistryCredentials;
import org.whalemountain.workloads.engine.StartedContainer;

/**
 * Runs a spec on the cluster: ensures the owner's namespace (and home claim), creates the
 * objects {@link KubernetesWorkloadObjects} computes, and waits until the pod runs, has
 * failed, or {@code wm.kubernetes.pods.start-wait} passed (a long pull: the container is
 * then pending, with what it waits for). Objects are created, not applied, so that a name
 * taken in the namespace is refused rather than overwritten; on any failure what this run
 * created is deleted again. The nodes pull images themselves: the service sees no pull,
 * and reports it done (100) before it creates anything, so that a caller can still call
 * the run off.
 */
final class KubernetesRuns {

	private final KubernetesClient client;

	private final UserNamespaces namespaces;

	private final KubernetesProperties properties;

	private final KubernetesWorkloads workloads;

	private final KubernetesLookups lookups;

	KubernetesRuns(KubernetesClient client, UserNamespaces namespaces, KubernetesProperties properties,
			KubernetesWorkloads workloads, KubernetesLookups lookups) {
		this.client = client;
		this.namespaces = namespaces;
		this.properties = properties;
		this.workloads = workloads;
		this.lookups = lookups;
	}

	StartedContainer run(ContainerSpec spec, RegistryCredentials credentials, Consumer<PullProgress> progress) {
		if (spec.owner() == null) {
			throw new IllegalArgumentException(
					"Kubernetes runs each container in its owner's namespace, and the spec of " + spec.name()
							+ " names no owner");
		}
		String namespace = this.namespaces.ensure(spec.owner());
		KubernetesPlacement placement = placement(spec, namespace, credentials != null);
		List<HasMetadata> objects = new ArrayList<>();
		if (credentials != null) {
			objects.add(KubernetesSecretObjects.pull(spec, placement, credentials));
		}
		objects.addAll(KubernetesWorkloadObjects.of(spec, placement));
		KubernetesContainerRef ref = KubernetesContainerRef.of(namespace, placement.objectName());
		String server = this.workloads.server();
		if (this.lookups.inspect(ref.id()).isPresent()) {
			throw taken(spec, ref, null);
		}
		progress.accept(new PullProgress(100, "The cluster's node pulls the image itself when it starts the pod."));
		List<HasMetadata> created = new ArrayList<>();
		try {
			for (HasMetadata object : objects) {
				this.client.resource(object).create();
				created.add(object);
			}
		}
		catch (KubernetesClientException ex) {
			deleteQuietly(created, ex);
			throw (ex.getCode() == 409) ? taken(spec, ref, ex)
					: KubernetesCalls.translate(server, "run " + spec.name(), ex);
		}
		catch (RuntimeException ex) {
			deleteQuietly(created, ex);
			throw ex;
		}
		this.workloads.awaitSettled(ref, this.properties.pods().startWait());
		return new StartedContainer(ref.id(), null);
	}

	private KubernetesPlacement placement(ContainerSpec spec, String namespace, boolean pullSecret) {
		String name = KubernetesPlacement.objectName(spec);
		String homeClaim = null;
		boolean wantsHome = spec.volumes()
			.stream()
			.anyMatch((volume) -> volume.source() == ContainerSpec.VolumeSource.OWNER_HOME);
		if (wantsHome && !this.properties.home().storageClass().isBlank()) {
			KubernetesCalls.run(this.workloads.server(), "claim the home of " + spec.owner(),
					() -> this.client
						.resource(KubernetesHomeClaims.claim(namespace, spec.owner(), this.properties.home()))
						.fieldManager(UserNamespaces.FIELD_MANAGER)
						.forceConflicts()
						.serverSideApply());
			homeClaim = KubernetesHomeClaims.CLAIM;
		}
		KubernetesProperties.Pods pods = this.properties.pods();
		return new KubernetesPlacement(namespace, name, NamespaceNames.namespace("", spec.owner()),
				this.properties.ingress(), this.properties.nodePorts(), homeClaim,
				new ContainerSpec.RunAs(pods.defaultUid(), pods.defaultGid()), pullSecret ? name + "-pull" : null);
	}

	private static ContainerNameTakenException taken(ContainerSpec spec, KubernetesContainerRef ref, Throwable cause) {
		return new ContainerNameTakenException(
				"A container named " + spec.name() + " exists on Kubernetes as " + ref.id(), cause);
	}

	private void deleteQuietly(List<HasMetadata> created, RuntimeException cause) {
		for (HasMetadata object : created) {
			try {
				this.client.resource(object).delete();
			}
			catch (RuntimeException ex) {
				// the failure of the run is what the caller must see; leftovers carry our
				// labels for the reconciler
				cause.addSuppressed(ex);
			}
		}
	}

}
