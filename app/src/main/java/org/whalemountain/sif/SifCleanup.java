package org.whalemountain.sif;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes SIF files whose digest no tag has pointed at for {@code wm.sif.cleanup-grace}:
 * the grace lets a tag that is pushed back soon keep its SIF. Also deletes the work
 * directories of claims that no longer build: a worker that died, or lost its lease,
 * leaves its directory behind, and whoever took the build over works in one of its own.
 */
@Component
class SifCleanup {

	private static final Logger log = LoggerFactory.getLogger(SifCleanup.class);

	private final SifBuildStore builds;

	private final SifLeases leases;

	private final SifStore store;

	private final SifProperties properties;

	private final Clock clock;

	SifCleanup(SifBuildStore builds, SifLeases leases, SifStore store, SifProperties properties, Clock clock) {
		this.builds = builds;
		this.leases = leases;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
	int clean() {
		int removed = 0;
		for (String digest : this.builds.unreferenced(this.clock.instant().minus(this.properties.cleanupGrace()))) {
			try {
				Files.deleteIfExists(this.store.file(digest));
				this.builds.delete(digest);
				removed++;
			}
			catch (IOException ex) {
				log.warn("Could not delete the SIF of {}: {}", digest, ex.getMessage());
			}
		}
		cleanWorkDirectories();
		return removed;
	}

	private void cleanWorkDirectories() {
		try {
			// listed before the live claims are read: a claim taken in between has its
			// directory made after the listing
			var directories = this.store.workDirectories();
			Set<String> live = this.leases.liveClaims();
			for (Path directory : directories) {
				if (!live.contains(SifStore.claimOf(directory))) {
					SifStore.deleteRecursively(directory);
				}
			}
		}
		catch (IOException ex) {
			log.warn("Could not delete the work directories of SIF builds that ended: {}", ex.getMessage());
		}
	}

}
