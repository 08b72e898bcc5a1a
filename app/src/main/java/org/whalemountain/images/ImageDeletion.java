package org.whalemountain.images;

import java.time.Clock;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.images.VisibilityPolicy.Viewer;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.registry.Registry;

/**
 * Deletes an image from the registry and then from the catalogue, for {@link Images}. The
 * registry comes first and outside any transaction, since it blocks: a registry that is
 * down leaves everything as it was, and a manifest it no longer has is only removed from
 * the catalogue.
 */
@Component
class ImageDeletion {

	private final ImageStore store;

	private final Registry registry;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	ImageDeletion(ImageStore store, Registry registry, ApplicationEventPublisher events,
			TransactionTemplate transaction, Clock clock) {
		this.store = store;
		this.registry = registry;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** See {@link Images#delete(String, long, String)}. */
	void delete(Viewer viewer, long id, String sourceAddress) {
		CatalogueEntry image = this.store.find(id)
			.filter((entry) -> VisibilityPolicy.canDelete(viewer, entry))
			.orElseThrow(() -> Images.notYours(id, "only its owner or an admin may delete it"));
		try {
			this.registry.deleteManifest(image.repository(), image.digest());
		}
		catch (NotFoundException ex) {
			// already gone from the registry (deleted by hand, or a sync not yet seen)
		}
		this.transaction.executeWithoutResult((status) -> {
			List<String> tags = this.store.deleteDigest(image.repository(), image.digest());
			this.events.publishEvent(new ImageDeleted(viewer.username(), image.owner(), image.repository(),
					image.digest(), tags.isEmpty() ? List.of(image.tag()) : tags, sourceAddress, this.clock.instant()));
		});
	}

}
