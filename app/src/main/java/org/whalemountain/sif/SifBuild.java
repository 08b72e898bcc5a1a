package org.whalemountain.sif;

import java.time.Instant;

/**
 * The SIF of one image digest.
 *
 * @param progress percent, 0–100, while BUILDING
 * @param sizeBytes and {@code sha256}: set when READY
 * @param message why it failed, or what the build noted (files users cannot read)
 */
public record SifBuild(String digest, String repository, SifStatus status, int progress, Long sizeBytes, String sha256,
		String message, int attempts, Instant queuedAt, Instant startedAt, Instant finishedAt) {
}
