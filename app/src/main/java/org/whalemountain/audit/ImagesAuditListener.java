package org.whalemountain.audit;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.whalemountain.images.ImageDeleted;
import org.whalemountain.images.ImageDescribed;
import org.whalemountain.images.ImageShared;
import org.whalemountain.images.ImageUnshared;

/**
 * Records changes to the image catalogue made by users: descriptions, sharing and
 * deletions. What the registry sync adds or drops is not a user's action and is not
 * recorded here.
 */
@Component
class ImagesAuditListener {

	private final AuditStore store;

	ImagesAuditListener(AuditStore store) {
		this.store = store;
	}

	@ApplicationModuleListener
	void on(ImageDescribed event) {
		this.store.append(event.at(), event.actor(), "image.describe", target(event.repository(), event.tag()),
				event.sourceAddress(), "id=" + event.imageId() + ", length=" + event.length());
	}

	@ApplicationModuleListener
	void on(ImageShared event) {
		String with = (event.group() != null) ? ", group=" + event.group() : "";
		this.store.append(event.at(), event.actor(), "image.share", target(event.repository(), event.tag()),
				event.sourceAddress(), "id=" + event.imageId() + ", visibility=" + event.visibility() + with);
	}

	@ApplicationModuleListener
	void on(ImageUnshared event) {
		String with = (event.previousGroup() != null) ? ", group=" + event.previousGroup() : "";
		this.store.append(event.at(), event.actor(), "image.unshare", target(event.repository(), event.tag()),
				event.sourceAddress(), "id=" + event.imageId() + ", was " + event.previous() + with);
	}

	@ApplicationModuleListener
	void on(ImageDeleted event) {
		String by = event.actor().equals(event.owner()) ? "" : ", owner=" + event.owner();
		this.store.append(event.at(), event.actor(), "image.delete",
				"image:" + event.repository() + "@" + event.digest(), event.sourceAddress(),
				"tags=" + String.join(" ", event.tags()) + by);
	}

	private static String target(String repository, String tag) {
		return "image:" + repository + ":" + tag;
	}

}
