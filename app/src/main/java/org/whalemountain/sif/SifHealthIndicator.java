package org.whalemountain.sif;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import org.whalemountain.sif.rootfs.Squashfs;

/**
 * {@code sifBuilder} in /actuator/health (Boot drops the HealthIndicator suffix): DOWN
 * when mksquashfs cannot run, since every build would fail.
 */
@Component("sifBuilderHealthIndicator")
class SifHealthIndicator extends AbstractHealthIndicator {

	private final SifProperties properties;

	SifHealthIndicator(SifProperties properties) {
		this.properties = properties;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (new Squashfs(this.properties.mksquashfs()).available()) {
			builder.up().withDetail("mksquashfs", this.properties.mksquashfs());
		}
		else {
			builder.down()
				.withDetail("mksquashfs", this.properties.mksquashfs())
				.withDetail("fix", "install squashfs-tools or set wm.sif.mksquashfs");
		}
	}

}
