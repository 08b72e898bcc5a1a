package org.whalemountain.sif;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes SIF files whose digest no tag has pointed at for {@code wm.sif.cleanup-grace}:
 * the grace lets a tag that is pushed back soon keep its SIF.
 */
@Component
class SifCleanup {

	private static final Logger log = LoggerFactory.getLogger(SifCleanup.class);

	private final SifBuildStore builds;

	private final SifStore store;

	private final SifProperties properties;

	private final Clock clock;

	SifCleanup(SifBuildStore builds, SifStore store, SifProperties properties, Clock clock) {
		this.builds = builds;
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
		return removed;
	}

}
