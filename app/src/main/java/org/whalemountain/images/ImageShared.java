package org.whalemountain.images;

import java.time.Instant;

/**
 * The owner made an image visible to others, or changed whom with.
 *
 * @param visibility {@link Visibility#PUBLIC} or {@link Visibility#GROUP}
 * @param group the group for {@code GROUP}, otherwise {@code null}
 */
public record ImageShared(String actor, long imageId, String repository, String tag, Visibility visibility,
		String group, String sourceAddress, Instant at) {
}
