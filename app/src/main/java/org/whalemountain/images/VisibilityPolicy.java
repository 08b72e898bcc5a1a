package org.whalemountain.images;

import java.util.List;

import org.whalemountain.identity.UserPrincipal;

/**
 * The one place that decides who may see, pull, change and delete a catalogue image.
 * Listings, the detail, changes, deletion and the registry's pull decision all ask here,
 * so that they can never disagree.
 * <ul>
 * <li>The owner sees, changes and deletes all of their own images.</li>
 * <li>{@link Visibility#PUBLIC}: every logged-in user sees it.</li>
 * <li>{@link Visibility#GROUP}: the members of that group see it, by the groups the
 * directory reported at their last login.</li>
 * <li>Admins see and may delete every image, but change only their own.</li>
 * </ul>
 * Whoever may not see an image must not learn it exists: callers answer "not found".
 */
final class VisibilityPolicy {

	private VisibilityPolicy() {
	}

	static boolean canSee(Viewer viewer, CatalogueEntry image) {
		return isOwner(viewer, image) || viewer.admin() || isSharedWith(viewer, image);
	}

	/**
	 * Whether another user shared the image with the viewer: what "shared with me" lists.
	 * Admin rights do not count here, so an admin's list is not every private image.
	 */
	static boolean isSharedWith(Viewer viewer, CatalogueEntry image) {
		if (isOwner(viewer, image)) {
			return false;
		}
		return switch (image.visibility()) {
			case PUBLIC -> true;
			case GROUP -> image.group() != null && viewer.groups().contains(image.group());
			case PRIVATE -> false;
		};
	}

	/** Describing and sharing: the owner only, not even an admin. */
	static boolean canChange(Viewer viewer, CatalogueEntry image) {
		return isOwner(viewer, image);
	}

	static boolean canDelete(Viewer viewer, CatalogueEntry image) {
		return isOwner(viewer, image) || viewer.admin();
	}

	private static boolean isOwner(Viewer viewer, CatalogueEntry image) {
		return viewer.username().equals(image.owner());
	}

	/**
	 * Who is asking, as the policy needs it.
	 *
	 * @param groups directory groups at the last login
	 */
	record Viewer(String username, List<String> groups, boolean admin) {

		Viewer {
			groups = List.copyOf(groups);
		}

		static Viewer of(UserPrincipal user) {
			return new Viewer(user.username(), user.groups(), user.admin());
		}

	}

}
