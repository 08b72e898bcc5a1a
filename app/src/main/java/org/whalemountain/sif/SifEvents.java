package org.whalemountain.sif;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.whalemountain.registry.events.ImageTagPushed;
import org.whalemountain.registry.events.ImageTagRemoved;

/**
 * Every digest the registry reports gets a SIF; the references decide when a SIF may go.
 */
@Component
class SifEvents {

	private final SifBuildStore builds;

	private final SifBuilds sifBuilds;

	private final java.time.Clock clock;

	SifEvents(SifBuildStore builds, SifBuilds sifBuilds, java.time.Clock clock) {
		this.builds = builds;
		this.sifBuilds = sifBuilds;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(ImageTagPushed event) {
		this.sifBuilds.request(event.digest(), event.repository());
		this.builds.reference(event.repository(), event.tag(), event.digest(), this.clock.instant());
	}

	@ApplicationModuleListener
	void on(ImageTagRemoved event) {
		this.builds.unreference(event.repository(), event.tag(), this.clock.instant());
	}

}
