package org.whalemountain.images;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.whalemountain.registry.events.ImageTagPushed;
import org.whalemountain.registry.events.ImageTagRemoved;

/**
 * Keeps the catalogue in step with the registry. Each handler runs after the sync's
 * transaction commits, in its own transaction; the event publication registry redelivers
 * what a crash interrupted, so both handlers may see the same event twice and must leave
 * the same result.
 */
@Component
class CatalogueListener {

	private static final Logger log = LoggerFactory.getLogger(CatalogueListener.class);

	private final ImageStore store;

	private final Clock clock;

	CatalogueListener(ImageStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(ImageTagPushed event) {
		if (!event.repository().startsWith(event.owner() + "/")) {
			// the owner decides who may see the image, so it must be the one the name
			// says
			log.warn("Ignoring a push of {}:{} reported as owned by {}", event.repository(), event.tag(),
					event.owner());
			return;
		}
		this.store.upsert(event, this.clock.instant());
	}

	@ApplicationModuleListener
	void on(ImageTagRemoved event) {
		this.store.deleteTag(event.repository(), event.tag());
	}

}
