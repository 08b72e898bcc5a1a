package org.whalemountain.images;

import java.util.List;
import java.util.Objects;

import org.whalemountain.platform.InvalidInputException;

/**
 * Checks an owner's {@link ImagePatch} against the image as it is and works out what it
 * becomes. Pure: the caller stores the result, or nothing when this throws.
 */
final class ImageChanges {

	private ImageChanges() {
	}

	/**
	 * @param ownerGroups the groups the owner may share with
	 * @throws InvalidInputException for a long description, an unknown visibility, GROUP
	 * without a group or with a group the owner is not in, or a group with PRIVATE or
	 * PUBLIC
	 */
	static Result apply(CatalogueEntry current, ImagePatch patch, List<String> ownerGroups) {
		String description = (patch.description() != null) ? checkedDescription(patch.description())
				: current.description();
		Visibility visibility = (patch.visibility() != null) ? checkedVisibility(patch.visibility())
				: current.visibility();
		String group = blankToNull(patch.group());
		if (visibility != Visibility.GROUP) {
			if (group != null) {
				throw new InvalidInputException("group-not-allowed", "group",
						"A group applies only to visibility GROUP; leave group out for " + visibility
								+ ", or send \"visibility\": \"GROUP\" with it.");
			}
			return new Result(current, description, visibility, null);
		}
		if (group == null) {
			// sharing with the same group again needs no repetition
			group = current.group();
		}
		if (group == null) {
			throw new InvalidInputException("group-required", "group",
					"Visibility GROUP needs a group; " + yourGroups(ownerGroups));
		}
		if (!ownerGroups.contains(group)) {
			throw new InvalidInputException("not-your-group", "group",
					"You are not in group '" + group + "'; " + yourGroups(ownerGroups));
		}
		return new Result(current, description, visibility, group);
	}

	private static String checkedDescription(String description) {
		int length = description.codePointCount(0, description.length());
		if (length > Images.MAX_DESCRIPTION) {
			throw new InvalidInputException("description-too-long", "description", "The description has " + length
					+ " characters; shorten it to at most " + Images.MAX_DESCRIPTION + ".");
		}
		return description;
	}

	private static Visibility checkedVisibility(String visibility) {
		for (Visibility known : Visibility.values()) {
			if (known.name().equals(visibility)) {
				return known;
			}
		}
		throw new InvalidInputException("invalid-visibility", "visibility",
				"visibility must be PRIVATE (only you), PUBLIC (every user) or GROUP (one of your groups), in capitals.");
	}

	private static String yourGroups(List<String> ownerGroups) {
		if (ownerGroups.isEmpty()) {
			return "you are in no directory group, so share with PUBLIC or keep the image PRIVATE.";
		}
		return "share with one of your groups: " + String.join(", ", ownerGroups) + ".";
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/** What the image becomes, and what changed compared with before. */
	record Result(CatalogueEntry before, String description, Visibility visibility, String group) {

		boolean descriptionChanged() {
			return !this.description.equals(this.before.description());
		}

		boolean sharingChanged() {
			return this.visibility != this.before.visibility() || !Objects.equals(this.group, this.before.group());
		}

	}

}
