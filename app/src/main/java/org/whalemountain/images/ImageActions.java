package org.whalemountain.images;

/**
 * What a user may do with an image they can see, so that pages offer only what will work.
 *
 * @param change describe and share it (the owner only)
 * @param delete delete it (the owner, or an admin)
 */
public record ImageActions(boolean change, boolean delete) {
}
