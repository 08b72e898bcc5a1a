package org.whalemountain.images;

/**
 * A change the owner asks for; a {@code null} field stays as it is.
 *
 * @param description new Markdown, at most {@value Images#MAX_DESCRIPTION} characters;
 * {@code ""} clears it
 * @param visibility {@code PRIVATE}, {@code PUBLIC} or {@code GROUP}
 * @param group one of the owner's directory groups, only with {@code GROUP}; may be left
 * out when the image is already shared with a group and the group stays
 */
public record ImagePatch(String description, String visibility, String group) {
}
