package org.whalemountain.identity.ldap;

import java.text.MessageFormat;
import java.util.List;

import org.springframework.ldap.NameNotFoundException;
import org.springframework.ldap.NamingException;
import org.springframework.ldap.core.DirContextOperations;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;
import org.springframework.security.ldap.search.LdapUserSearch;
import org.springframework.security.ldap.userdetails.LdapAuthoritiesPopulator;
import org.springframework.stereotype.Component;
import org.whalemountain.identity.DirectoryAccounts;
import org.whalemountain.identity.IdentityProperties;
import org.whalemountain.identity.UserPrincipal;

/**
 * Finds an account the way a login does (the DN patterns, else the user search), without
 * a password, and reads its groups with the login's own populator and mapper: the manager
 * bind or an anonymous one must be allowed to read them.
 */
@Component
class DirectoryLookup implements DirectoryAccounts {

	private final LdapTemplate ldap;

	private final List<String> dnPatterns;

	private final LdapUserSearch search;

	private final LdapAuthoritiesPopulator groups;

	private final DirectoryAccountMapper mapper;

	DirectoryLookup(IdentityProperties properties, LdapTemplate directoryTemplate,
			DefaultSpringSecurityContextSource directoryContextSource, LdapAuthoritiesPopulator directoryGroups,
			DirectoryAccountMapper directoryAccountMapper) {
		IdentityProperties.Ldap ldap = properties.ldap();
		this.ldap = directoryTemplate;
		this.dnPatterns = ldap.userDnPatterns();
		this.search = new FilterBasedLdapUserSearch(ldap.userSearchBase(), ldap.userSearchFilter(),
				directoryContextSource);
		this.groups = directoryGroups;
		this.mapper = directoryAccountMapper;
	}

	@Override
	public Account lookup(String username) {
		try {
			DirContextOperations entry = this.dnPatterns.isEmpty() ? searched(username) : lookedUp(username);
			if (entry == null) {
				return Account.absent();
			}
			UserPrincipal current = (UserPrincipal) this.mapper.mapUserFromContext(entry, username,
					this.groups.getGrantedAuthorities(entry, username));
			return Account.present(current.groups(), current.admin());
		}
		catch (NamingException ex) {
			return Account.unknown();
		}
	}

	private DirContextOperations searched(String username) {
		try {
			return this.search.searchForUser(username);
		}
		catch (UsernameNotFoundException ex) {
			return null;
		}
	}

	private DirContextOperations lookedUp(String username) {
		for (String pattern : this.dnPatterns) {
			try {
				return this.ldap.lookupContext(MessageFormat.format(pattern, LdapEncoder.nameEncode(username)));
			}
			catch (NameNotFoundException ex) {
				// try the next pattern
			}
		}
		return null;
	}

}
