package org.whalemountain.identity;

import java.util.regex.Pattern;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Refuses login names that cannot be department accounts before the directory sees them,
 * so that filter characters ({@code * ( ) \ NUL}) never reach an LDAP query. A refused
 * name fails exactly like a wrong password.
 */
class UsernamePolicyProvider implements AuthenticationProvider {

	private final AuthenticationProvider directory;

	private final Pattern allowed;

	UsernamePolicyProvider(AuthenticationProvider directory, Pattern allowed) {
		this.directory = directory;
		this.allowed = allowed;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String name = authentication.getName();
		if (name == null || !this.allowed.matcher(name).matches()) {
			throw new BadCredentialsException("Bad credentials");
		}
		return this.directory.authenticate(authentication);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
