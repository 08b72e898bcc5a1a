package org.whalemountain.images;

import java.time.Instant;

/**
 * The owner made a shared image private again.
 *
 * @param previous what it was shared as
 * @param previousGroup the group it was shared with, or {@code null}
 */
public record ImageUnshared(String actor, long imageId, String repository, String tag, Visibility previous,
		String previousGroup, String sourceAddress, Instant at) {
}
