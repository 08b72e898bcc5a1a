package org.whalemountain.images;

import java.time.Instant;

import org.whalemountain.registry.ImageConfig;

/** One row of the {@code images} table, before anyone's view of it. */
record CatalogueEntry(long id, String owner, String repository, String tag, String digest, long sizeBytes,
		Instant pushedAt, ImageConfig config, String description, Visibility visibility, String group,
		Instant createdAt, Instant updatedAt) {

	CatalogueEntry withSharing(String description, Visibility visibility, String group, Instant now) {
		return new CatalogueEntry(this.id, this.owner, this.repository, this.tag, this.digest, this.sizeBytes,
				this.pushedAt, this.config, description, visibility, group, this.createdAt, now);
	}

}
