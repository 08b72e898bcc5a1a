package org.whalemountain.images;

import java.time.Instant;
import java.util.List;

/**
 * An image was deleted from the registry and the catalogue: the manifest, and so every
 * tag of the repository that pointed at it.
 *
 * @param actor who deleted it: the owner, or an admin
 * @param tags the catalogue's tags that went with the manifest
 */
public record ImageDeleted(String actor, String owner, String repository, String digest, List<String> tags,
		String sourceAddress, Instant at) {

	public ImageDeleted {
		tags = List.copyOf(tags);
	}

}
