package org.whalemountain.workloads.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

/**
 * Builds the fabric8 client from {@link KubernetesProperties} alone: never from
 * {@code ~/.kube/config}, {@code KUBECONFIG} or the pod's mounted token behind the
 * operator's back, on the JDK's HTTP client, without retries (an unreachable cluster must
 * answer 503 within the request timeout, not after a minute of back-off). Connects to
 * nothing while building.
 */
public final class KubernetesClients {

	private KubernetesClients() {
	}

	public static KubernetesClient create(KubernetesProperties properties) {
		return new KubernetesClientBuilder().withConfig(config(properties))
			.withHttpClientFactory(new JdkHttpClientFactory())
			.build();
	}

	static Config config(KubernetesProperties properties) {
		KubernetesProperties.Api api = properties.api();
		ConfigBuilder builder;
		if (!api.kubeconfigFile().isBlank()) {
			builder = new ConfigBuilder(Config.fromKubeconfig(read(api.kubeconfigFile())));
		}
		else {
			Path tokenFile = Path.of(api.tokenFile());
			builder = new ConfigBuilder(Config.empty()).withMasterUrl(api.url())
				.withOauthTokenProvider(() -> read(tokenFile.toString()).strip());
			if (!api.caFile().isBlank()) {
				builder.withCaCertFile(api.caFile());
			}
		}
		return builder.withConnectionTimeout((int) api.connectTimeout().toMillis())
			.withRequestTimeout((int) api.requestTimeout().toMillis())
			.withRequestRetryBackoffLimit(0)
			.build();
	}

	private static String read(String file) {
		try {
			return Files.readString(Path.of(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file + " (wm.kubernetes.api)", ex);
		}
	}

}
