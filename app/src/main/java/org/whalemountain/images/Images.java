package org.whalemountain.images;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.whalemountain.identity.Identity;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.images.VisibilityPolicy.Viewer;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.registry.Registry;

/**
 * The images module's entry: the catalogue of pushed images, their descriptions and
 * sharing. Every method takes the calling user's name and answers only with what
 * {@link VisibilityPolicy} lets that user see; anything else is "not found", whether it
 * does not exist or is somebody else's, so that nobody learns what others keep private.
 * Groups and the admin role are those mirrored at the user's last login.
 */
@Service
public class Images {

	/** The longest description, in characters (Unicode code points). */
	public static final int MAX_DESCRIPTION = 10_000;

	private final ImageStore store;

	private final Identity identity;

	private final Registry registry;

	private final ReferenceLookup references;

	private final ImageDeletion deletion;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Images(ImageStore store, Identity identity, Registry registry, ReferenceLookup references, ImageDeletion deletion,
			ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.identity = identity;
		this.registry = registry;
		this.references = references;
		this.deletion = deletion;
		this.events = events;
		this.clock = clock;
	}

	/** The user's own images, by repository and tag. */
	public List<Image> mine(String username) {
		return this.store.ownedBy(username).stream().map(this::image).toList();
	}

	/**
	 * Images other users shared with the user: the PUBLIC ones and those shared with one
	 * of the user's groups. Not the user's own, and for admins not every image either.
	 */
	public List<Image> sharedWith(String username) {
		Viewer viewer = viewer(username);
		return this.store.sharedByOthers(username)
			.stream()
			.filter((entry) -> VisibilityPolicy.isSharedWith(viewer, entry))
			.map(this::image)
			.toList();
	}

	/**
	 * One image the user may see.
	 * @throws NotFoundException ({@code image-not-found}) if there is none with that id
	 * that the user may see
	 */
	public Image get(String username, long id) {
		Viewer viewer = viewer(username);
		return this.store.find(id)
			.filter((entry) -> VisibilityPolicy.canSee(viewer, entry))
			.map(this::image)
			.orElseThrow(() -> notFound(id));
	}

	/**
	 * What the user may do with an image they can see.
	 * @throws NotFoundException as {@link #get(String, long)}
	 */
	public ImageActions actions(String username, long id) {
		Viewer viewer = viewer(username);
		CatalogueEntry entry = this.store.find(id)
			.filter((found) -> VisibilityPolicy.canSee(viewer, found))
			.orElseThrow(() -> notFound(id));
		return new ImageActions(VisibilityPolicy.canChange(viewer, entry), VisibilityPolicy.canDelete(viewer, entry));
	}

	/**
	 * The image a reference names, if the user may see it: what the SIF builds and
	 * container launches start from.
	 * @param reference {@code [<registry host>/]<owner>/<name>[:<tag>][@<digest>]}, tag
	 * {@code latest} when none is given
	 * @throws NotFoundException ({@code image-not-found}) when the catalogue has no such
	 * image that the user may see, or the reference names another registry
	 */
	public Image visibleImage(String username, String reference) {
		Viewer viewer = viewer(username);
		return this.references.find(reference)
			.filter((entry) -> VisibilityPolicy.canSee(viewer, entry))
			.map(this::image)
			.orElseThrow(() -> new NotFoundException("image-not-found",
					"No image '" + reference + "' that you may use is in the catalogue."));
	}

	/**
	 * Changes the description and sharing of one of the user's own images. Changes
	 * nothing, and publishes nothing, when the patch leaves everything as it was.
	 * @throws NotFoundException ({@code image-not-found}) unless the user owns the image,
	 * also when it is shared with them or they are an admin: only the owner changes it
	 * @throws InvalidInputException for a patch that {@link ImageChanges} refuses;
	 * nothing changes then
	 */
	@Transactional
	public Image update(String username, long id, ImagePatch patch, String sourceAddress) {
		UserPrincipal user = this.identity.user(username);
		Viewer viewer = Viewer.of(user);
		CatalogueEntry current = this.store.findForUpdate(id)
			.filter((entry) -> VisibilityPolicy.canChange(viewer, entry))
			.orElseThrow(() -> notYours(id, "only its owner may change it"));
		ImageChanges.Result result = ImageChanges.apply(current, patch, user.groups());
		if (!result.descriptionChanged() && !result.sharingChanged()) {
			return image(current);
		}
		Instant now = this.clock.instant();
		CatalogueEntry changed = current.withSharing(result.description(), result.visibility(), result.group(), now);
		this.store.updateSharing(changed);
		if (result.descriptionChanged()) {
			this.events.publishEvent(new ImageDescribed(username, id, current.repository(), current.tag(),
					changed.description().codePointCount(0, changed.description().length()), sourceAddress, now));
		}
		if (result.sharingChanged()) {
			this.events.publishEvent((changed.visibility() == Visibility.PRIVATE)
					? new ImageUnshared(username, id, current.repository(), current.tag(), current.visibility(),
							current.group(), sourceAddress, now)
					: new ImageShared(username, id, current.repository(), current.tag(), changed.visibility(),
							changed.group(), sourceAddress, now));
		}
		return image(changed);
	}

	/**
	 * Deletes the image's manifest from the registry, then every catalogue tag that
	 * pointed at it (the registry drops those tags with the manifest). Blocks on the
	 * registry. A manifest the registry no longer has is only removed from the catalogue.
	 * @throws NotFoundException ({@code image-not-found}) unless the user owns the image
	 * or is an admin
	 * @throws org.whalemountain.platform.UnavailableException when the registry cannot be
	 * reached; nothing changes then
	 */
	public void delete(String username, long id, String sourceAddress) {
		this.deletion.delete(viewer(username), id, sourceAddress);
	}

	private Viewer viewer(String username) {
		return Viewer.of(this.identity.user(username));
	}

	private Image image(CatalogueEntry entry) {
		return new Image(entry.id(), entry.owner(), entry.repository(), entry.tag(),
				this.registry.host() + "/" + entry.repository() + ":" + entry.tag(), entry.digest(), entry.sizeBytes(),
				entry.pushedAt(), entry.description(), Markdown.toHtml(entry.description()), entry.visibility(),
				entry.group(), entry.config(), entry.updatedAt());
	}

	private static NotFoundException notFound(long id) {
		return new NotFoundException("image-not-found", "No image with id " + id + " is yours or shared with you.");
	}

	/**
	 * The same answer whether the image does not exist, is invisible or is only shared
	 * with the caller, so that trying to change it tells nothing new.
	 */
	static NotFoundException notYours(long id, String who) {
		return new NotFoundException("image-not-found", "You have no image with id " + id + "; " + who + ".");
	}

}
