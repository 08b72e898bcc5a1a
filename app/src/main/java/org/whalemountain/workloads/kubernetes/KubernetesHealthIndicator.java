package org.whalemountain.workloads.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code kubernetes} in {@code /actuator/health}, beside {@code docker}: UP with the API
 * server's version when it answers, DOWN with what the user would be told when it does
 * not (unreachable, or the service's account refused), so that an operator sees which
 * engine is down. Asks {@code /version}, which every authenticated account may read,
 * within {@code wm.kubernetes.api.request-timeout}.
 */
class KubernetesHealthIndicator extends AbstractHealthIndicator {

	private final KubernetesClient client;

	KubernetesHealthIndicator(KubernetesClient client) {
		super("Kubernetes health check failed");
		this.client = client;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String server = this.client.getConfiguration().getMasterUrl();
		builder.withDetail("server", server);
		try {
			VersionInfo version = this.client.getKubernetesVersion();
			builder.up().withDetail("version", version.getGitVersion());
		}
		catch (KubernetesClientException ex) {
			builder.down()
				.withDetail("error", KubernetesFailures.translate(server, "answer a health check", ex).getMessage());
		}
	}

}
