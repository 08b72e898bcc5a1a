package org.whalemountain.workloads.kubernetes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.RegistryCredentials;

/**
 * The Secrets that go with a container: its spec's files, and the pull credentials of its
 * image's registry as a {@code kubernetes.io/dockerconfigjson} Secret for
 * {@code imagePullSecrets}. Pure; the users' Role cannot read Secrets, so neither the
 * files nor the credentials are shown to users through their kubeconfig.
 */
final class KubernetesSecretObjects {

	private KubernetesSecretObjects() {
	}

	static Optional<Secret> files(ContainerSpec spec, KubernetesPlacement placement) {
		if (spec.files().isEmpty()) {
			return Optional.empty();
		}
		Map<String, String> data = new TreeMap<>();
		for (int i = 0; i < spec.files().size(); i++) {
			data.put(KubernetesVolumes.key(i), Base64.getEncoder().encodeToString(spec.files().get(i).content()));
		}
		return Optional.of(new SecretBuilder()
			.withMetadata(KubernetesWorkloadObjects.meta(spec, placement, placement.filesSecret()))
			.withType("Opaque")
			.withImmutable(true)
			.withData(data)
			.build());
	}

	/**
	 * A docker-registry Secret of the credentials, named as the placement says. A
	 * registry token (a JWT of the registry's token service) goes in as
	 * {@code registrytoken}, as the Docker CLI writes it.
	 */
	static Secret pull(ContainerSpec spec, KubernetesPlacement placement, RegistryCredentials credentials) {
		Map<String, String> entry = new LinkedHashMap<>();
		if (credentials.registryToken() != null) {
			entry.put("registrytoken", credentials.registryToken());
		}
		else {
			entry.put("username", credentials.username());
			entry.put("password", credentials.password());
			entry.put("auth", Base64.getEncoder()
				.encodeToString(
						(credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
		}
		String config = Serialization.asJson(Map.of("auths", Map.of(credentials.registry(), entry)));
		return new SecretBuilder().withMetadata(KubernetesWorkloadObjects.meta(spec, placement, placement.pullSecret()))
			.withType("kubernetes.io/dockerconfigjson")
			.withData(Map.of(".dockerconfigjson",
					Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8))))
			.build();
	}

}
