package org.whalemountain.identity;

import java.io.Serial;
import java.time.Duration;

import org.springframework.security.authentication.LockedException;

/**
 * A password login refused without asking the directory, because the name failed too
 * often lately. Carries when to try again, for the API's {@code Retry-After}.
 */
public class LoginHeldBackException extends LockedException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	LoginHeldBackException(Duration retryAfter) {
		super("Too many failed logins for this name; try again in " + retryAfter.toSeconds() + " s");
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
