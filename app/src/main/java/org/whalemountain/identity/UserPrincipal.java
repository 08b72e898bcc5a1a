package org.whalemountain.identity;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user, whatever the credential (console session, Basic or bearer token).
 * Holds no password.
 *
 * @param username the directory's canonical login name
 * @param displayName a human name, never empty
 * @param email may be {@code null}
 * @param uidNumber POSIX uid from the directory, may be {@code null}
 * @param gidNumber POSIX gid from the directory, may be {@code null}
 * @param groups directory groups, sorted
 * @param admin whether the user is in the admin group
 */
public record UserPrincipal(String username, String displayName, String email, Integer uidNumber, Integer gidNumber,
		List<String> groups, boolean admin) implements UserDetails {

	@Serial
	private static final long serialVersionUID = 1L;

	public UserPrincipal {
		groups = List.copyOf(groups);
	}

	/** Role names without the {@code ROLE_} prefix: USER, and ADMIN for admins. */
	public List<String> roles() {
		return this.admin ? List.of("USER", "ADMIN") : List.of("USER");
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return roles().stream().map((role) -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
	}

	@Override
	public String getPassword() {
		return null;
	}

	@Override
	public String getUsername() {
		return this.username;
	}

}
