package org.whalemountain.sif;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.whalemountain.platform.NotFoundException;
import org.whalemountain.platform.UnavailableException;
import org.whalemountain.sif.rootfs.ImageBuildException;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failed attempt records, and which failures are worth another attempt. */
class BuildFailureTests {

	@Test
	void aFullDiskAndAnUnreachableRegistryAreTriedAgain() {
		assertThat(BuildFailure.of(new BuildRefusedException("sif-disk-low", "disk", true)))
			.isEqualTo(new BuildFailure("sif-disk-low", "disk", true));
		assertThat(BuildFailure.of(new UnavailableException("registry-unavailable", "down", Duration.ofSeconds(30))))
			.isEqualTo(new BuildFailure("registry-unavailable", "down", true));
		assertThat(BuildFailure.of(new IOException("reset")))
			.isEqualTo(new BuildFailure("sif-build-error", "IOException: reset", true));
	}

	@Test
	void anImageTooLargeBrokenOrGoneIsNotTriedAgain() {
		assertThat(BuildFailure.of(new BuildRefusedException("sif-image-too-large", "big", false)).transientFailure())
			.isFalse();
		assertThat(BuildFailure.of(new ImageBuildException("escapes")))
			.isEqualTo(new BuildFailure("sif-image-unusable", "escapes", false));
		assertThat(BuildFailure.of(new NotFoundException("image-not-found", "gone")))
			.isEqualTo(new BuildFailure("image-not-found", "gone", false));
		assertThat(BuildFailure.timeout(Duration.ofHours(2))).isEqualTo(new BuildFailure("sif-build-timeout",
				"The build took longer than 120 minutes (wm.sif.build-timeout) and was stopped; the owner can ask"
						+ " for a rebuild.",
				false));
	}

}
