package org.whalemountain.workloads.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code docker} in {@code /actuator/health}: UP with dockerd's version when it answers a
 * ping, DOWN with the reason when it does not.
 */
class DockerHealthIndicator extends AbstractHealthIndicator {

	private final DockerClient client;

	private final String host;

	DockerHealthIndicator(DockerClient client, String host) {
		super("Docker health check failed");
		this.client = client;
		this.host = host;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("host", this.host);
		try {
			this.client.pingCmd().exec();
			Version version = this.client.versionCmd().exec();
			builder.up().withDetail("version", version.getVersion()).withDetail("apiVersion", version.getApiVersion());
		}
		catch (RuntimeException ex) {
			builder.down().withDetail("error", new DockerFailures(this.host).other("answer a ping", ex).getMessage());
		}
	}

}
