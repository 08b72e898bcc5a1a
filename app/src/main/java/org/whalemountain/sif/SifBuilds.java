package org.whalemountain.sif;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.whalemountain.platform.ConflictException;
import org.whalemountain.platform.NotFoundException;

/**
 * The SIF module's entry: SIF files by image digest. A digest is built once and shared by
 * every tag that points at it; callers check visibility before asking (this module knows
 * digests, not users).
 */
@Service
public class SifBuilds {

	private final SifBuildStore builds;

	private final SifStore store;

	private final Clock clock;

	SifBuilds(SifBuildStore builds, SifStore store, Clock clock) {
		this.builds = builds;
		this.store = store;
		this.clock = clock;
	}

	/** The build of a digest, queuing one if there is none yet. */
	public SifBuild request(String digest, String repository) {
		// the worker's next poll (wm.sif.poll-interval) picks it up; claiming here would
		// run inside
		// the caller's transaction, before the queued row is visible to the builder
		// thread
		this.builds.queue(digest, repository, this.clock.instant());
		return this.builds.find(digest).orElseThrow();
	}

	/** The build of a digest, if one was ever queued. */
	public Optional<SifBuild> build(String digest) {
		return this.builds.find(digest);
	}

	/**
	 * The finished file.
	 * @throws NotFoundException if the digest has no READY build or its file is gone
	 */
	public Path file(String digest) {
		SifBuild build = this.builds.find(digest)
			.filter((b) -> b.status() == SifStatus.READY)
			.orElseThrow(
					() -> new NotFoundException("sif-not-ready", "There is no finished SIF for " + digest + " yet."));
		Path file = this.store.file(digest);
		if (!Files.isRegularFile(file)) {
			throw new NotFoundException("sif-not-ready",
					"The SIF for " + build.digest() + " is missing from the store; ask for a rebuild.");
		}
		return file;
	}

	/**
	 * Builds the digest again (after a failure, or to pick up a newer builder).
	 * @throws ConflictException while a build of it is queued or running
	 */
	public SifBuild rebuild(String digest, String repository) {
		Optional<SifBuild> existing = this.builds.find(digest);
		if (existing.isEmpty()) {
			return request(digest, repository);
		}
		if (!this.builds.requeue(digest, this.clock.instant())) {
			throw new ConflictException("sif-build-in-progress",
					"A build of this image is already queued or running; wait for it to finish.");
		}
		return this.builds.find(digest).orElseThrow();
	}

	/** What the last build of a digest wrote to its log, if it got that far. */
	public Optional<String> log(String digest) {
		return this.builds.log(digest);
	}

	/** Bytes the finished SIF files take on disk. */
	public long storeUsedBytes() {
		return this.store.usedBytes();
	}

}
