package org.whalemountain.identity.ldap;

import java.util.Collection;
import java.util.List;

import org.springframework.ldap.core.DirContextAdapter;
import org.springframework.ldap.core.DirContextOperations;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.ldap.userdetails.UserDetailsContextMapper;
import org.whalemountain.identity.IdentityProperties;
import org.whalemountain.identity.UserPrincipal;

/**
 * Turns a bound directory entry and its groups into a {@link UserPrincipal}. The
 * authorities it receives are group names (no prefix); roles are derived here.
 */
public class DirectoryAccountMapper implements UserDetailsContextMapper {

	private final IdentityProperties.Ldap ldap;

	private final String adminGroup;

	public DirectoryAccountMapper(IdentityProperties properties) {
		this.ldap = properties.ldap();
		this.adminGroup = properties.adminGroup();
	}

	@Override
	public UserDetails mapUserFromContext(DirContextOperations entry, String username,
			Collection<? extends GrantedAuthority> groupAuthorities) {
		// the directory's own spelling, so "Alice" and "alice" are one user
		String canonical = firstNonBlank(entry.getStringAttribute(this.ldap.usernameAttribute()), username);
		String displayName = firstNonBlank(entry.getStringAttribute(this.ldap.displayNameAttribute()),
				entry.getStringAttribute("cn"), canonical);
		List<String> groups = groupAuthorities.stream()
			.map(GrantedAuthority::getAuthority)
			.distinct()
			.sorted()
			.toList();
		return new UserPrincipal(canonical, displayName, entry.getStringAttribute(this.ldap.emailAttribute()),
				integer(entry.getStringAttribute("uidNumber")), integer(entry.getStringAttribute("gidNumber")), groups,
				groups.contains(this.adminGroup));
	}

	@Override
	public void mapUserToContext(UserDetails user, DirContextAdapter ctx) {
		throw new UnsupportedOperationException("The service never writes to the directory");
	}

	private static String firstNonBlank(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	private static Integer integer(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
