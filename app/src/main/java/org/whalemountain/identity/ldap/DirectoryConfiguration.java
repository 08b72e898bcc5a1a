package org.whalemountain.identity.ldap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;
import org.springframework.security.ldap.authentication.BindAuthenticator;
import org.springframework.security.ldap.authentication.LdapAuthenticationProvider;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;
import org.springframework.security.ldap.userdetails.DefaultLdapAuthoritiesPopulator;
import org.whalemountain.identity.IdentityProperties;

/**
 * The department directory: where it is, how a user is found and bound, how groups are
 * read. The {@link LdapTemplate} also feeds the {@code ldap} health indicator.
 */
@Configuration(proxyBeanMethods = false)
public class DirectoryConfiguration {

	/**
	 * Only when asked for by name: {@code IdentityProperties} refuses to start with
	 * neither this nor a URL, so a missing or misspelt URL never opens the demo
	 * passwords.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnBooleanProperty("wm.identity.demo")
	EmbeddedDirectory embeddedDirectory(IdentityProperties properties, ResourceLoader resources) {
		return EmbeddedDirectory.start(properties.ldap().base(), properties.embedded().port(),
				resources.getResource(properties.embedded().ldif()));
	}

	@Bean
	DefaultSpringSecurityContextSource directoryContextSource(IdentityProperties properties,
			ObjectProvider<EmbeddedDirectory> embedded) {
		IdentityProperties.Ldap ldap = properties.ldap();
		String url = ldap.external() ? withBase(ldap.url(), ldap.base()) : embedded.getObject().url();
		DefaultSpringSecurityContextSource source = new DefaultSpringSecurityContextSource(url);
		if (!ldap.managerDn().isBlank()) {
			source.setUserDn(ldap.managerDn());
			source.setPassword(ldap.managerPassword());
		}
		return source;
	}

	@Bean
	LdapTemplate directoryTemplate(DefaultSpringSecurityContextSource contextSource) {
		return new LdapTemplate(contextSource);
	}

	/**
	 * A user's groups, read with the service's own bind (the manager DN or anonymous)
	 * both at login and at the token owner's directory re-check, so that both see the
	 * same groups.
	 */
	@Bean
	DefaultLdapAuthoritiesPopulator directoryGroups(IdentityProperties properties,
			DefaultSpringSecurityContextSource contextSource) {
		IdentityProperties.Ldap ldap = properties.ldap();
		DefaultLdapAuthoritiesPopulator groups = new DefaultLdapAuthoritiesPopulator(contextSource,
				ldap.groupSearchBase());
		groups.setGroupSearchFilter(ldap.groupSearchFilter());
		groups.setGroupRoleAttribute(ldap.groupNameAttribute());
		groups.setRolePrefix("");
		groups.setConvertToUpperCase(false);
		groups.setSearchSubtree(true);
		groups.setIgnorePartialResultException(true);
		return groups;
	}

	@Bean
	DirectoryAccountMapper directoryAccountMapper(IdentityProperties properties) {
		return new DirectoryAccountMapper(properties);
	}

	/**
	 * Password check by bind; the search and group filters escape what the user typed.
	 */
	@Bean
	public LdapAuthenticationProvider directoryAuthenticationProvider(IdentityProperties properties,
			DefaultSpringSecurityContextSource contextSource, DefaultLdapAuthoritiesPopulator directoryGroups,
			DirectoryAccountMapper directoryAccountMapper) {
		IdentityProperties.Ldap ldap = properties.ldap();
		BindAuthenticator authenticator = new BindAuthenticator(contextSource);
		if (ldap.userDnPatterns().isEmpty()) {
			authenticator.setUserSearch(
					new FilterBasedLdapUserSearch(ldap.userSearchBase(), ldap.userSearchFilter(), contextSource));
		}
		else {
			authenticator.setUserDnPatterns(ldap.userDnPatterns().toArray(String[]::new));
		}
		LdapAuthenticationProvider provider = new LdapAuthenticationProvider(authenticator, directoryGroups);
		provider.setUserDetailsContextMapper(directoryAccountMapper);
		return provider;
	}

	private static String withBase(String url, String base) {
		if (base.isBlank()) {
			return url;
		}
		return url.endsWith("/") ? url + base : url + "/" + base;
	}

}
