package org.whalemountain.images;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.whalemountain.platform.ImageReference;
import org.whalemountain.platform.InvalidImageReferenceException;
import org.whalemountain.registry.Registry;

/**
 * Finds the catalogue entry an image reference names, as {@code docker pull} would read
 * it against this service's registry. Says nothing about who may see it: that is
 * {@link VisibilityPolicy}'s, applied by {@link Images}.
 */
@Component
class ReferenceLookup {

	private final ImageStore store;

	private final Registry registry;

	ReferenceLookup(ImageStore store, Registry registry) {
		this.store = store;
		this.registry = registry;
	}

	/**
	 * @param reference {@code [<registry host>/]<owner>/<name>[:<tag>][@<digest>]}, tag
	 * {@code latest} when none is given
	 * @return empty for what is not a name, a name on another registry, or one the
	 * catalogue lacks; for a digest, one of the tags that point at it
	 */
	Optional<CatalogueEntry> find(String reference) {
		return parse(reference).flatMap(this::find);
	}

	private Optional<ImageReference> parse(String reference) {
		try {
			return Optional.of(ImageReference.parse(reference, this.registry.host()))
				.filter((parsed) -> parsed.isOn(this.registry.host()));
		}
		catch (InvalidImageReferenceException ex) {
			return Optional.empty();
		}
	}

	private Optional<CatalogueEntry> find(ImageReference reference) {
		if (reference.digest() != null) {
			return this.store.findByDigest(reference.repository(), reference.digest()).stream().findFirst();
		}
		return this.store.findByTag(reference.repository(), reference.tag());
	}

}
