package org.whalemountain.identity.ldap;

import java.text.MessageFormat;
import java.util.List;

import org.springframework.ldap.NameNotFoundException;
import org.springframework.ldap.NamingException;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;
import org.springframework.security.ldap.search.LdapUserSearch;
import org.springframework.stereotype.Component;
import org.whalemountain.identity.DirectoryAccounts;
import org.whalemountain.identity.IdentityProperties;

/**
 * Finds an account the way a login does (the DN patterns, else the user search), without
 * a password: the manager bind or an anonymous one must be allowed to read it.
 */
@Component
class DirectoryLookup implements DirectoryAccounts {

	private final LdapTemplate ldap;

	private final List<String> dnPatterns;

	private final LdapUserSearch search;

	DirectoryLookup(IdentityProperties properties, LdapTemplate directoryTemplate,
			DefaultSpringSecurityContextSource directoryContextSource) {
		IdentityProperties.Ldap ldap = properties.ldap();
		this.ldap = directoryTemplate;
		this.dnPatterns = ldap.userDnPatterns();
		this.search = new FilterBasedLdapUserSearch(ldap.userSearchBase(), ldap.userSearchFilter(),
				directoryContextSource);
	}

	@Override
	public Presence presence(String username) {
		try {
			return this.dnPatterns.isEmpty() ? searched(username) : lookedUp(username);
		}
		catch (NamingException ex) {
			return Presence.UNKNOWN;
		}
	}

	private Presence searched(String username) {
		try {
			this.search.searchForUser(username);
			return Presence.PRESENT;
		}
		catch (UsernameNotFoundException ex) {
			return Presence.ABSENT;
		}
	}

	private Presence lookedUp(String username) {
		for (String pattern : this.dnPatterns) {
			try {
				this.ldap.lookup(MessageFormat.format(pattern, LdapEncoder.nameEncode(username)));
				return Presence.PRESENT;
			}
			catch (NameNotFoundException ex) {
				// try the next pattern
			}
		}
		return Presence.ABSENT;
	}

}
