package org.whalemountain.sif;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.whalemountain.registry.ImageTagPushed;
import org.whalemountain.registry.ImageTagRemoved;

/**
 * Every digest the registry reports gets a SIF; the references decide when a SIF may go.
 */
@Component
class SifEvents {

	private final SifBuildStore builds;

	private final SifBuilds sifBuilds;

	SifEvents(SifBuildStore builds, SifBuilds sifBuilds) {
		this.builds = builds;
		this.sifBuilds = sifBuilds;
	}

	@ApplicationModuleListener
	void on(ImageTagPushed event) {
		this.builds.reference(event.repository(), event.tag(), event.digest());
		this.sifBuilds.request(event.digest(), event.repository());
	}

	@ApplicationModuleListener
	void on(ImageTagRemoved event) {
		this.builds.unreference(event.repository(), event.tag());
	}

}
