package org.whalemountain.identity;

import java.io.Serial;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request authenticated by a personal access token. Kept apart from password logins so
 * that a token can never mint another token.
 */
public final class TokenAuthentication extends AbstractAuthenticationToken {

	@Serial
	private static final long serialVersionUID = 1L;

	private final UserPrincipal user;

	private final long tokenId;

	public TokenAuthentication(UserPrincipal user, long tokenId) {
		super(user.getAuthorities());
		this.user = user;
		this.tokenId = tokenId;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public UserPrincipal getPrincipal() {
		return this.user;
	}

	public long tokenId() {
		return this.tokenId;
	}

}
