package org.whalemountain.identity;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Asks {@link LoginThrottle} before the directory and tells it how the bind went. Only a
 * wrong password counts as a failure; a directory that is down does not.
 */
class ThrottledLoginProvider implements AuthenticationProvider {

	private final AuthenticationProvider directory;

	private final LoginThrottle throttle;

	ThrottledLoginProvider(AuthenticationProvider directory, LoginThrottle throttle) {
		this.directory = directory;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String name = authentication.getName();
		this.throttle.heldUntil(name).ifPresent((until) -> {
			throw new LoginHeldBackException(this.throttle.until(until));
		});
		try {
			Authentication done = this.directory.authenticate(authentication);
			this.throttle.succeeded(name);
			return done;
		}
		catch (BadCredentialsException ex) {
			this.throttle.failed(name);
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.directory.supports(authentication);
	}

}
