package org.whalemountain.images;

import java.time.Instant;

/**
 * The owner changed an image's description. Carries its length, not the text, so that the
 * event stays small and the audit log holds no user prose.
 */
public record ImageDescribed(String actor, long imageId, String repository, String tag, int length,
		String sourceAddress, Instant at) {
}
