package org.whalemountain.platform;

import java.time.Duration;

/**
 * The caller already has as much under way as one user may; the request was fine and
 * nothing changed. Trying again once something of the caller's has finished succeeds.
 */
public class TooManyRequestsException extends DomainException {

	private final Duration retryAfter;

	public TooManyRequestsException(String code, String message, Duration retryAfter) {
		super(code, message);
		this.retryAfter = retryAfter;
	}

	/** When trying again makes sense. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
