package org.whalemountain.registry.distribution;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.whalemountain.registry.RegistryUnavailableException;

/**
 * {@code registry} in {@code /actuator/health}: UP when {@code GET /v2/} answers 200 or
 * 401 (a registry that wants a token is a healthy one), DOWN when it cannot be reached or
 * answers anything else.
 */
public class DistributionHealthIndicator extends AbstractHealthIndicator {

	private final DistributionRegistryClient client;

	public DistributionHealthIndicator(DistributionRegistryClient client) {
		super("Registry health check failed");
		this.client = client;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("url", this.client.url().toString());
		try {
			int status = this.client.ping();
			if (status == 200 || status == 401) {
				builder.up();
			}
			else {
				builder.down()
					.withDetail("error",
							"GET /v2/ answered " + status + "; a Distribution registry answers 200 or 401");
			}
		}
		catch (RegistryUnavailableException ex) {
			builder.down().withDetail("error", ex.getMessage());
		}
	}

}
