package org.whalemountain.platform;

import java.time.Duration;

/**
 * Something the service depends on (GitLab, Docker, the registry) is down or missing; the
 * request was fine and nothing changed. The message says what and what to do.
 */
public class UnavailableException extends DomainException {

	private final Duration retryAfter;

	public UnavailableException(String code, String message, Duration retryAfter) {
		super(code, message);
		this.retryAfter = retryAfter;
	}

	/** When trying again makes sense, or {@code null} when it needs an operator first. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
