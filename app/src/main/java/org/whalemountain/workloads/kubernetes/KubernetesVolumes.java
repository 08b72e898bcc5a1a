package org.whalemountain.workloads.kubernetes;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;

import org.whalemountain.workloads.engine.ContainerSpec;

/**
 * A spec's volumes and files as a pod's volumes and mounts. Never a host path:
 * <ul>
 * <li>{@code OWNER_HOME} is the owner's PersistentVolumeClaim when a home storage class
 * is configured, otherwise an empty directory that lives as long as the pod (users are
 * told their home there is not kept);</li>
 * <li>{@code ENGINE_API} is the engine's own API as a workload inside the cluster reaches
 * it: a projected, expiring token of the pod's ServiceAccount with the cluster's CA and
 * the namespace, where the workload expects it (a runner's Kubernetes executor);</li>
 * <li>the spec's files are the keys of one Secret, each mounted at its own path with
 * {@code subPath}, so that the directory around it keeps what the image has there. The
 * Secret is chosen over an init container because the kubelet writes it before the
 * process starts, with no image of ours to pull, and it goes with the Deployment.</li>
 * <li>{@code /tmp} is an empty directory of the pod's, unless the spec puts a volume
 * there: the pod runs as a non-root user, and many images leave {@code /tmp} writable by
 * root only.</li>
 * </ul>
 */
final class KubernetesVolumes {

	static final String HOME = "home";

	static final String ENGINE_API = "engine-api";

	static final String FILES = "files";

	static final String TMP = "tmp";

	/** The token's lifetime; the kubelet renews it at 80 % of that. */
	private static final long TOKEN_SECONDS = 3600;

	private KubernetesVolumes() {
	}

	static List<Volume> volumes(ContainerSpec spec, KubernetesPlacement placement) {
		List<Volume> volumes = new ArrayList<>();
		if (has(spec, ContainerSpec.VolumeSource.OWNER_HOME)) {
			VolumeBuilder home = new VolumeBuilder().withName(HOME);
			if (placement.homeClaim() != null) {
				home.withNewPersistentVolumeClaim().withClaimName(placement.homeClaim()).endPersistentVolumeClaim();
			}
			else {
				home.withNewEmptyDir().endEmptyDir();
			}
			volumes.add(home.build());
		}
		if (has(spec, ContainerSpec.VolumeSource.ENGINE_API)) {
			volumes.add(new VolumeBuilder().withName(ENGINE_API)
				.withNewProjected()
				.withSources(
						new VolumeProjectionBuilder().withNewServiceAccountToken()
							.withPath("token")
							.withExpirationSeconds(TOKEN_SECONDS)
							.endServiceAccountToken()
							.build(),
						new VolumeProjectionBuilder().withNewConfigMap()
							.withName("kube-root-ca.crt")
							.withItems(new KeyToPathBuilder().withKey("ca.crt").withPath("ca.crt").build())
							.endConfigMap()
							.build(),
						new VolumeProjectionBuilder().withNewDownwardAPI()
							.addNewItem()
							.withPath("namespace")
							.withNewFieldRef()
							.withFieldPath("metadata.namespace")
							.endFieldRef()
							.endItem()
							.endDownwardAPI()
							.build())
				.endProjected()
				.build());
		}
		if (!spec.files().isEmpty()) {
			VolumeBuilder files = new VolumeBuilder().withName(FILES);
			var secret = files.withNewSecret().withSecretName(placement.filesSecret());
			for (int i = 0; i < spec.files().size(); i++) {
				// the kubelet adds group read for the pod's fsGroup, the container's
				// group
				secret.addNewItem().withKey(key(i)).withPath(key(i)).withMode(spec.files().get(i).mode()).endItem();
			}
			volumes.add(secret.endSecret().build());
		}
		if (ownTmp(spec)) {
			volumes.add(new VolumeBuilder().withName(TMP).withNewEmptyDir().endEmptyDir().build());
		}
		return volumes;
	}

	static List<VolumeMount> mounts(ContainerSpec spec) {
		List<VolumeMount> mounts = new ArrayList<>();
		for (ContainerSpec.Volume volume : spec.volumes()) {
			String name = (volume.source() == ContainerSpec.VolumeSource.OWNER_HOME) ? HOME : ENGINE_API;
			mounts.add(new VolumeMountBuilder().withName(name)
				.withMountPath(volume.containerPath())
				// a token volume is always read-only
				.withReadOnly(volume.readOnly() || name.equals(ENGINE_API))
				.build());
		}
		if (ownTmp(spec)) {
			mounts.add(new VolumeMountBuilder().withName(TMP).withMountPath("/tmp").build());
		}
		for (int i = 0; i < spec.files().size(); i++) {
			mounts.add(new VolumeMountBuilder().withName(FILES)
				.withMountPath(spec.files().get(i).path())
				.withSubPath(key(i))
				.withReadOnly(true)
				.build());
		}
		return mounts;
	}

	/** The Secret key of the spec's i-th file; a path is no valid key. */
	static String key(int index) {
		return "file-" + index;
	}

	private static boolean ownTmp(ContainerSpec spec) {
		return spec.volumes().stream().noneMatch((volume) -> volume.containerPath().equals("/tmp"));
	}

	private static boolean has(ContainerSpec spec, ContainerSpec.VolumeSource source) {
		return spec.volumes().stream().anyMatch((volume) -> volume.source() == source);
	}

}
