package org.whalemountain.images;

import java.time.Instant;

import org.whalemountain.registry.ImageConfig;

/**
 * One tag of the catalogue, as a user who may see it gets it.
 *
 * @param id stable catalogue id
 * @param owner the user who pushed it (the repository's first path segment)
 * @param repository {@code owner/name[/…]}
 * @param reference what {@code docker pull} takes:
 * {@code <registry host>/<repository>:<tag>}
 * @param digest the manifest digest, {@code sha256:…}
 * @param sizeBytes config plus layers, as the manifest states them
 * @param pushedAt when the image was built (its config's {@code created})
 * @param description the owner's Markdown, empty when none
 * @param descriptionHtml the description rendered to HTML without raw HTML or unsafe
 * links, safe to put into a page
 * @param group the directory group for {@link Visibility#GROUP}, otherwise {@code null}
 * @param config how the image runs (env, entrypoint, …), for SIF builds and launches
 * @param updatedAt the last push or change of description or sharing
 */
public record Image(long id, String owner, String repository, String tag, String reference, String digest,
		long sizeBytes, Instant pushedAt, String description, String descriptionHtml, Visibility visibility,
		String group, ImageConfig config, Instant updatedAt) {
}
