package org.whalemountain.registry.sync;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.whalemountain.identity.Identity;
import org.whalemountain.registry.RegistryClient;
import org.whalemountain.registry.RegistryProperties;

/**
 * The sync's parts: the scan, queue, locks and schedule. Nothing here connects to the
 * registry at start, so the service starts while the registry is down.
 */
@Configuration(proxyBeanMethods = false)
class RegistrySyncConfiguration {

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
		TagSync sync = new TagSync(registryScan, applier, tags, runs, clock);
		return new SyncQueue(registrySyncLocks, sync, runs, events, transactions, clock);
	}

	@Bean
	SyncScheduler registrySyncScheduler(SyncQueue registrySyncQueue, SyncLocks registrySyncLocks,
			RegistryProperties properties) {
		return new SyncScheduler(registrySyncQueue, registrySyncLocks, properties.syncInterval());
	}

}
