package org.whalemountain.sif;

import org.whalemountain.platform.DomainException;

/**
 * A build stopped by one of the limits of {@code wm.sif.*} before it wrote anything
 * large. The code is the reason recorded on the build; the message names the limit.
 */
class BuildRefusedException extends DomainException {

	private final boolean retryable;

	/**
	 * @param retryable whether the same build may pass later (free disk) or never will
	 * (an image over the size limit)
	 */
	BuildRefusedException(String code, String message, boolean retryable) {
		super(code, message);
		this.retryable = retryable;
	}

	boolean retryable() {
		return this.retryable;
	}

}
