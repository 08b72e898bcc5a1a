package org.whalemountain.registry.distribution;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.whalemountain.registry.RegistryProperties;
import org.whalemountain.registry.token.IssuedToken;
import org.whalemountain.registry.token.TokenMinter;

/**
 * The {@link org.whalemountain.registry.RegistryClient} adapter: the Distribution client
 * with the service's own cached tokens, and its health indicator. Nothing here connects
 * to the registry at start, so the service starts while the registry is down.
 */
@Configuration(proxyBeanMethods = false)
class DistributionConfiguration {

	@Bean
	DistributionRegistryClient registryClient(RegistryProperties properties, TokenMinter minter, MeterRegistry meters,
			Clock clock) {
		ServiceTokens tokens = new ServiceTokens((access) -> {
			IssuedToken token = minter.serviceToken(access);
			return new ServiceTokens.Token(token.token(), token.issuedAt().plus(token.expiresIn()));
		}, clock);
		return new DistributionRegistryClient(properties.url(), properties.requestTimeout(), tokens, meters);
	}

	/** {@code registry} in {@code /actuator/health}. */
	@Bean
	DistributionHealthIndicator registryHealthIndicator(DistributionRegistryClient registryClient) {
		return new DistributionHealthIndicator(registryClient);
	}

}
