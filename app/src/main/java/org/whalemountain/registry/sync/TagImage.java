package org.whalemountain.registry.sync;

import java.time.Instant;

import org.whalemountain.registry.ImageConfig;
import org.whalemountain.registry.events.ImageTagPushed;

/**
 * A tag's image as the sync read it from the registry, before it is stored and announced.
 *
 * @param digest what the tag points at (an image manifest or an index)
 * @param imageDigest the linux/amd64 image manifest
 */
record TagImage(String owner, String repository, String tag, String digest, String imageDigest, long sizeBytes,
		Instant createdAt, ImageConfig config) {

	ImageTagPushed pushed() {
		return new ImageTagPushed(this.owner, this.repository, this.tag, this.imageDigest, this.sizeBytes,
				this.createdAt, this.config);
	}

}
