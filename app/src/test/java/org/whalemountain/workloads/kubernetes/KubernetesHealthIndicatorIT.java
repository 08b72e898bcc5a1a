package org.whalemountain.workloads.kubernetes;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.whalemountain.testsupport.KubernetesCluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code kubernetes} health indicator against the real test cluster, with the
 * service's own account, and against a port where nothing listens (the shared cluster
 * keeps running).
 */
class KubernetesHealthIndicatorIT {

	KubernetesCluster cluster = KubernetesCluster.get();

	@Test
	void upWithTheVersionWhenTheClusterAnswers() {
		KubernetesProperties properties = properties(this.cluster.server(), this.cluster.serviceTokenFile());
		try (KubernetesClient client = KubernetesClients.create(properties)) {
			Health health = new KubernetesHealthIndicator(client).health();

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKey("server");
			assertThat(health.getDetails().get("version")).asString().startsWith("v1.");
		}
	}

	@Test
	void downWithTheReasonAndQuicklyWhenNothingListens() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		KubernetesProperties properties = properties("https://127.0.0.1:" + closed, this.cluster.serviceTokenFile());
		try (KubernetesClient client = KubernetesClients.create(properties)) {
			Instant start = Instant.now();
			Health health = new KubernetesHealthIndicator(client).health();

			assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("server")).asString().contains("127.0.0.1:" + closed);
			assertThat(health.getDetails().get("error")).asString().contains("does not answer");
		}
	}

	private KubernetesProperties properties(String url, Path token) {
		return new Binder(new MapConfigurationPropertySource(Map.of("wm.kubernetes.api.url", url,
				"wm.kubernetes.api.ca-file", this.cluster.caFile(), "wm.kubernetes.api.token-file", token.toString())))
			.bindOrCreate("wm.kubernetes", KubernetesProperties.class);
	}

}
