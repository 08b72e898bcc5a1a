package org.whalemountain.workloads.kubernetes;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import org.whalemountain.workloads.engine.EngineLabels;

/**
 * A user's home on the cluster: one PersistentVolumeClaim per namespace, mounted in each
 * of the user's pods that ask for the owner's home, as the Docker host's home directory
 * is bound into each container. {@code ReadWriteOnce} is what every storage class offers;
 * on a multi-node cluster it keeps a user's pods with a home on one node, which the
 * scheduler does by itself. Kept when containers go: it is the user's data. Pure.
 */
final class KubernetesHomeClaims {

	/** The claim's name in every user namespace. */
	static final String CLAIM = "wm-home";

	private KubernetesHomeClaims() {
	}

	static PersistentVolumeClaim claim(String namespace, String username, KubernetesProperties.Home home) {
		return new PersistentVolumeClaimBuilder()
			.withMetadata(new ObjectMetaBuilder().withName(CLAIM)
				.withNamespace(namespace)
				.withLabels(Map.of(EngineLabels.OWNER_LABEL, NamespaceNames.ownerLabel(username),
						KubernetesWorkloadObjects.MANAGED_BY_LABEL, KubernetesWorkloadObjects.MANAGER))
				.build())
			.withNewSpec()
			.withAccessModes("ReadWriteOnce")
			.withStorageClassName(home.storageClass())
			.withNewResources()
			.addToRequests("storage", new Quantity(home.size()))
			.endResources()
			.endSpec()
			.build();
	}

}
