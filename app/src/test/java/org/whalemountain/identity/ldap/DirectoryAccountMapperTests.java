package org.whalemountain.identity.ldap;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.ldap.core.DirContextAdapter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.whalemountain.identity.IdentityProperties;
import org.whalemountain.identity.UserPrincipal;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryAccountMapperTests {

	private final DirectoryAccountMapper mapper = new DirectoryAccountMapper(properties("teachers"));

	@Test
	void mapsAttributesGroupsAndTheAdminRole() {
		DirContextAdapter entry = new DirContextAdapter();
		entry.setAttributeValue("uid", "hana");
		entry.setAttributeValue("cn", "Hana Kato");
		entry.setAttributeValue("displayName", "加藤 花");
		entry.setAttributeValue("mail", "hana@dept.test");
		entry.setAttributeValue("uidNumber", "1234");
		entry.setAttributeValue("gidNumber", "100");

		UserPrincipal user = (UserPrincipal) this.mapper.mapUserFromContext(entry, "hana",
				groups("teachers", "course-os"));

		assertThat(user).isEqualTo(
				new UserPrincipal("hana", "加藤 花", "hana@dept.test", 1234, 100, List.of("course-os", "teachers"), true));
		assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_USER", "ROLE_ADMIN");
	}

	@Test
	void fallsBackToCnAndToleratesMissingPosixAttributes() {
		DirContextAdapter entry = new DirContextAdapter();
		entry.setAttributeValue("uid", "guest");
		entry.setAttributeValue("cn", "Guest Student");
		entry.setAttributeValue("uidNumber", "not-a-number");

		UserPrincipal user = (UserPrincipal) this.mapper.mapUserFromContext(entry, "guest", List.of());

		assertThat(user.displayName()).isEqualTo("Guest Student");
		assertThat(user.uidNumber()).isNull();
		assertThat(user.gidNumber()).isNull();
		assertThat(user.email()).isNull();
		assertThat(user.admin()).isFalse();
		assertThat(user.roles()).containsExactly("USER");
	}

	private static List<GrantedAuthority> groups(String... names) {
		return java.util.Arrays.stream(names).<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
	}

	private static IdentityProperties properties(String adminGroup) {
		return new IdentityProperties(Pattern.compile("[a-z]+"), adminGroup, false,
				new IdentityProperties.Ldap("ldap://directory.test", "dc=dept", "", "", List.of(), "ou=people",
						"(uid={0})", "uid", "displayName", "mail", "ou=groups", "(member={0})", "cn"),
				new IdentityProperties.Embedded(0, "classpath:x.ldif"),
				new IdentityProperties.Tokens(java.time.Duration.ofDays(90), java.time.Duration.ofDays(365),
						java.time.Duration.ofMinutes(10)),
				new IdentityProperties.LoginThrottle(10, java.time.Duration.ofMinutes(10)),
				java.time.Duration.ofMinutes(1));
	}

}
