package org.whalemountain.registry.events;

import java.time.Instant;

import org.whalemountain.registry.ImageConfig;

/**
 * A tag appeared in the registry or now points at another digest (found by the sync or
 * reported by the registry's notification). Published once per (repository, tag, digest);
 * the catalogue upserts it and the SIF builder builds the digest.
 *
 * @param owner the first path segment, a known user
 * @param repository the full repository path, {@code owner/name[/…]}
 * @param digest the manifest digest ({@code sha256:…}) of the linux/amd64 image
 * @param sizeBytes config plus layer sizes as the manifest states them
 * @param createdAt the image config's {@code created}, or the time the sync saw it
 */
public record ImageTagPushed(String owner, String repository, String tag, String digest, long sizeBytes,
		Instant createdAt, ImageConfig config) {
}
