package org.whalemountain.registry.sync;

import java.time.Clock;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.whalemountain.platform.DomainException;

/**
 * One sync run from start to end: reads the registry ({@link RegistryScan}), then stores
 * and announces the differences ({@link SyncApplier}), and records how it went. A failure
 * while reading changes nothing and is recorded as FAILED; the next run starts over.
 * Callers hold the sync lock.
 */
class TagSync {

	private static final Logger log = LoggerFactory.getLogger(TagSync.class);

	private final RegistryScan scan;

	private final SyncApplier applier;

	private final RegistryTags tags;

	private final SyncRuns runs;

	private final Clock clock;

	TagSync(RegistryScan scan, SyncApplier applier, RegistryTags tags, SyncRuns runs, Clock clock) {
		this.scan = scan;
		this.applier = applier;
		this.tags = tags;
		this.runs = runs;
		this.clock = clock;
	}

	/** Runs the queued run {@code id}; never throws. */
	void run(String id, SyncScope scope) {
		try {
			int abandoned = this.runs.abandonStale(id, this.clock.instant());
			if (abandoned > 0) {
				log.warn("Marked {} registry sync run(s) of a stopped replica as failed", abandoned);
			}
			this.runs.markRunning(id, this.clock.instant());
			Map<String, Map<String, StoredTag>> stored = scope.full() ? this.tags.all()
					: this.tags.of(scope.repositories());
			SyncResult result = this.applier.apply(this.scan.scan(scope, stored), stored);
			this.runs.succeed(id, result, this.clock.instant());
			boolean changed = result.tagsAdded() + result.tagsChanged() + result.tagsRemoved() > 0;
			// an unchanged registry is the normal case every few minutes: not worth a
			// line
			if (changed || log.isDebugEnabled()) {
				log.info("Registry sync {}: {} repositories, {} tags added, {} changed, {} removed, {} skipped", id,
						result.repositories(), result.tagsAdded(), result.tagsChanged(), result.tagsRemoved(),
						result.skipped().size());
			}
		}
		catch (RuntimeException ex) {
			String error = (ex instanceof DomainException) ? ex.getMessage() : "Unexpected failure: " + ex;
			log.warn("Registry sync {} failed: {}", id, error);
			try {
				this.runs.fail(id, error, this.clock.instant());
			}
			catch (RuntimeException recording) {
				log.warn("Could not record the failure of registry sync {}: {}", id, recording.toString());
			}
		}
	}

}
