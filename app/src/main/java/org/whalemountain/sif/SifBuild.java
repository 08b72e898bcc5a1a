package org.whalemountain.sif;

import java.time.Instant;

/**
 * The SIF of one image digest.
 *
 * @param progress percent, 0–100, while BUILDING
 * @param sizeBytes and {@code sha256}: set when READY
 * @param message why it failed or waits for a retry, or what the build noted (files users
 * cannot read)
 * @param reason a stable code for why it failed or waits for a retry (e.g.
 * {@code sif-image-too-large}, {@code sif-build-timeout}, {@code sif-queue-full},
 * {@code sif-disk-low}); {@code null} otherwise
 */
public record SifBuild(String digest, String repository, SifStatus status, int progress, Long sizeBytes, String sha256,
		String message, String reason, int attempts, Instant queuedAt, Instant startedAt, Instant finishedAt) {
}
