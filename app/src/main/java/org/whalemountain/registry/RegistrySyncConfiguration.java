package org.whalemountain.registry;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.whalemountain.identity.Identity;
import org.whalemountain.registry.distribution.DistributionHealthIndicator;
import org.whalemountain.registry.distribution.DistributionRegistryClient;
import org.whalemountain.registry.distribution.ServiceTokens;

/**
 * The sync's parts: the Distribution client with the service's own cached tokens, its
 * health indicator, and the scan, queue, locks and schedule. Nothing here connects to the
 * registry at start, so the service starts while the registry is down.
 */
@Configuration(proxyBeanMethods = false)
class RegistrySyncConfiguration {

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

	@Bean
	RegistryScan registryScan(RegistryClient registryClient, Identity identity, RegistryProperties properties,
			Clock clock) {
		return new RegistryScan(registryClient, identity, properties.syncConcurrency(), clock);
	}

	@Bean
	SyncLocks registrySyncLocks(DataSource dataSource) {
		return new SyncLocks(dataSource);
	}

	@Bean
	SyncQueue registrySyncQueue(SyncLocks registrySyncLocks, RegistryScan registryScan, SyncApplier applier,
			RegistryTags tags, SyncRuns runs, ApplicationEventPublisher events, PlatformTransactionManager transactions,
			Clock clock) {
		RegistrySync sync = new RegistrySync(registryScan, applier, tags, runs, clock);
		return new SyncQueue(registrySyncLocks, sync, runs, events, transactions, clock);
	}

	@Bean
	SyncScheduler registrySyncScheduler(SyncQueue registrySyncQueue, SyncLocks registrySyncLocks,
			RegistryProperties properties) {
		return new SyncScheduler(registrySyncQueue, registrySyncLocks, properties.syncInterval());
	}

}
