package org.whalemountain.registry;

import java.time.Duration;

import org.whalemountain.platform.UnavailableException;

/**
 * The registry could not be asked: it is down, timed out, answered 5xx, or refused the
 * service's own token (then {@link #retryAfter()} is {@code null}: an operator must fix
 * the wiring first). Nothing was changed on the service's side.
 */
public class RegistryUnavailableException extends UnavailableException {

	/** How long a caller should wait before trying again after a transient failure. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(30);

	public RegistryUnavailableException(String message, Duration retryAfter) {
		super("registry-unavailable", message, retryAfter);
	}

}
