package org.whalemountain.sif;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.whalemountain.platform.ConflictException;
import org.whalemountain.platform.NotFoundException;

/**
 * The SIF module's entry: SIF files by image digest. A digest is built once and shared by
 * every tag that points at it; callers check visibility before asking (this module knows
 * digests, not users). Builds count against the image owner's
 * {@code wm.sif.max-queued-per-user}; an image over {@code wm.sif.max-image-size} is
 * never queued.
 */
@Service
public class SifBuilds {

	static final String QUEUE_FULL = "sif-queue-full";

	private final SifBuildStore builds;

	private final SifStore store;

	private final BuildLimits limits;

	private final SifProperties properties;

	private final Clock clock;

	SifBuilds(SifBuildStore builds, SifStore store, BuildLimits limits, SifProperties properties, Clock clock) {
		this.builds = builds;
		this.store = store;
		this.limits = limits;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The build of a digest, queuing one if there is none yet. A build refused for its
	 * size or the owner's full queue is recorded as FAILED with that reason; one refused
	 * for the full queue is queued by a later request once there is room. Never throws
	 * for a limit: pushes and downloads ask, and the build shows the answer.
	 */
	public SifBuild request(SifRequest request) {
		// the worker's next poll (wm.sif.poll-interval) picks it up; claiming here would
		// run inside the caller's transaction, before the queued row is visible to the
		// builder thread
		Instant now = this.clock.instant();
		BuildFailure refusal = refusal(request);
		if (refusal != null) {
			this.builds.refused(request, refusal, now);
		}
		else if (!this.builds.queue(request, now)) {
			// the digest has a build; one refused for a full queue gets its turn now
			this.builds.requeue(request, now, QUEUE_FULL);
		}
		return this.builds.findCommitted(request.digest()).orElseThrow();
	}

	/** Why the request may not be queued, or {@code null}. */
	private BuildFailure refusal(SifRequest request) {
		try {
			this.limits.checkSize(request.sizeBytes());
		}
		catch (BuildRefusedException ex) {
			return BuildFailure.of(ex);
		}
		if (this.builds.waiting(request.owner()) >= this.properties.maxQueuedPerUser()) {
			return new BuildFailure(QUEUE_FULL, queueFull(request), false);
		}
		return null;
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
	 * Builds the digest again (after a failure, or to pick up a newer builder), reading
	 * it from the request's repository: the one it was first pushed to may be gone.
	 * @throws ConflictException {@code sif-build-in-progress} while a build of it is
	 * queued or running, {@code sif-image-too-large} for an image over the size limit,
	 * {@code sif-queue-full} when the owner has too many builds waiting or running
	 */
	public SifBuild rebuild(SifRequest request) {
		Optional<SifBuild> existing = this.builds.find(request.digest());
		if (existing.isEmpty()) {
			return request(request);
		}
		if (existing.get().status() == SifStatus.QUEUED || existing.get().status() == SifStatus.BUILDING) {
			throw inProgress();
		}
		BuildFailure refusal = refusal(request);
		if (refusal != null) {
			throw new ConflictException(refusal.reason(), refusal.message());
		}
		if (!this.builds.requeue(request, this.clock.instant(), null)) {
			throw inProgress();
		}
		return this.builds.findCommitted(request.digest()).orElseThrow();
	}

	private static ConflictException inProgress() {
		return new ConflictException("sif-build-in-progress",
				"A build of this image is already queued or running; wait for it to finish.");
	}

	private String queueFull(SifRequest request) {
		return request.owner() + " already has " + this.properties.maxQueuedPerUser()
				+ " SIF builds waiting or running, the most one user may have (wm.sif.max-queued-per-user); ask"
				+ " again once some of them have finished.";
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
