package org.whalemountain.identity;

import java.nio.file.Files;

import javax.naming.directory.BasicAttribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.LdapContextSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.Slapd;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.testsupport.Http.basic;
import static org.whalemountain.testsupport.Http.bearer;

/**
 * Group changes in the real OpenLDAP reach tokens at the directory re-check, without a
 * password login: hanako leaves the admin group ({@code staff}) and a group, taro joins
 * the admin group. The directory is asked on every use here
 * ({@code directory-recheck=PT0S}), so the test needs no clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenOwnerGroupsChangeIT {

	private static final String SUFFIX = "dc=dept,dc=test";

	static Slapd slapd;

	@DynamicPropertySource
	static void directory(DynamicPropertyRegistry registry) throws Exception {
		slapd = Slapd.start(Files.createTempDirectory("wm-slapd"), SUFFIX, "/directory/department.ldif");
		registry.add("wm.identity.demo", () -> "false");
		registry.add("wm.identity.ldap.url", slapd::url);
		registry.add("wm.identity.ldap.base", () -> SUFFIX);
		registry.add("wm.identity.admin-group", () -> "staff");
		registry.add("wm.identity.tokens.directory-recheck", () -> "PT0S");
	}

	@AfterAll
	static void stop() throws InterruptedException {
		slapd.close();
	}

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	@Test
	void groupAndAdminChangesReachTokensAtTheRecheck() throws Exception {
		String hanako = token("hanako", "hanako-pass");
		String taro = token("taro", "taro-pass");
		assertThat(me(hanako).get("roles").toString()).contains("ADMIN");
		assertThat(me(hanako).get("groups").toString()).isEqualTo("[\"staff\",\"students\"]");
		assertThat(this.http.get("/api/v1/admin/users", bearer(hanako)).status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/admin/users", bearer(taro)).status()).isEqualTo(403);

		// groupOfNames needs a member, so taro takes hanako's place
		LdapTemplate admin = directoryAsAdmin();
		admin.modifyAttributes("cn=staff,ou=groups",
				new ModificationItem[] { new ModificationItem(DirContext.REPLACE_ATTRIBUTE,
						new BasicAttribute("member", "uid=taro,ou=people," + SUFFIX)) });
		admin.modifyAttributes("cn=students,ou=groups", new ModificationItem[] {
				new ModificationItem(DirContext.REMOVE_ATTRIBUTE, new BasicAttribute("memberUid", "hanako")) });

		Http.Response forbidden = this.http.get("/api/v1/admin/users", bearer(hanako));
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.json().get("type").asString()).isEqualTo("/problems/forbidden");
		assertThat(me(hanako).get("roles").toString()).isEqualTo("[\"USER\"]");
		assertThat(me(hanako).get("groups").toString()).isEqualTo("[]");
		assertThat(this.http.get("/api/v1/admin/users", bearer(taro)).status()).isEqualTo(200);
		assertThat(me(taro).get("groups").toString()).isEqualTo("[\"staff\",\"students\"]");
	}

	private JsonNode me(String token) {
		Http.Response me = this.http.get("/api/v1/me", bearer(token));
		assertThat(me.status()).isEqualTo(200);
		return me.json();
	}

	private String token(String username, String password) {
		Http.Response created = this.http.post("/api/v1/tokens", "{\"name\":\"groups\"}", basic(username, password));
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("token").asString();
	}

	private static LdapTemplate directoryAsAdmin() throws Exception {
		LdapContextSource source = new LdapContextSource();
		source.setUrl(slapd.url());
		source.setBase(SUFFIX);
		source.setUserDn("cn=admin," + SUFFIX);
		source.setPassword("admin-secret");
		source.afterPropertiesSet();
		return new LdapTemplate(source);
	}

}
