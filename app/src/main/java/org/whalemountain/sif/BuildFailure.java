package org.whalemountain.sif;

import java.io.IOException;

import org.whalemountain.platform.DomainException;
import org.whalemountain.platform.UnavailableException;
import org.whalemountain.sif.rootfs.ImageBuildException;

/**
 * Why a build attempt failed, as the build records it.
 *
 * @param reason the stable code stored with the build
 * @param message what the user reads
 * @param transientFailure whether trying again later may succeed: a registry that is
 * down, a disk that was full; an image that is broken, gone or too large stays so
 */
record BuildFailure(String reason, String message, boolean transientFailure) {

	static final String TIMEOUT = "sif-build-timeout";

	static BuildFailure of(Exception ex) {
		if (ex instanceof BuildRefusedException refused) {
			return new BuildFailure(refused.code(), refused.getMessage(), refused.retryable());
		}
		if (ex instanceof ImageBuildException) {
			return new BuildFailure("sif-image-unusable", ex.getMessage(), false);
		}
		if (ex instanceof DomainException domain) {
			return new BuildFailure(domain.code(), ex.getMessage(), ex instanceof UnavailableException);
		}
		return new BuildFailure("sif-build-error", ex.getClass().getSimpleName() + ": " + ex.getMessage(),
				ex instanceof IOException);
	}

	static BuildFailure timeout(java.time.Duration limit) {
		String took = (limit.toSeconds() >= 120) ? limit.toMinutes() + " minutes" : limit.toSeconds() + " seconds";
		return new BuildFailure(TIMEOUT, "The build took longer than " + took
				+ " (wm.sif.build-timeout) and was stopped; the owner can ask for a rebuild.", false);
	}

}
