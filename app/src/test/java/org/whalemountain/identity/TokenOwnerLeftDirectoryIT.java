package org.whalemountain.identity;

import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.LdapContextSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.whalemountain.registry.Registry;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.Slapd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.testsupport.Http.basic;
import static org.whalemountain.testsupport.Http.bearer;

/**
 * A student removed from the real OpenLDAP loses what their tokens gave them: the API,
 * {@code docker login}, and their runner's pushes. The directory is asked on every use
 * here ({@code directory-recheck=PT0S}), so the test needs no clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenOwnerLeftDirectoryIT {

	private static final String SUFFIX = "dc=dept,dc=test";

	static Slapd slapd;

	@DynamicPropertySource
	static void directory(DynamicPropertyRegistry registry) throws Exception {
		slapd = Slapd.start(Files.createTempDirectory("wm-slapd"), SUFFIX, "/directory/department.ldif");
		registry.add("wm.identity.demo", () -> "false");
		registry.add("wm.identity.ldap.url", slapd::url);
		registry.add("wm.identity.ldap.base", () -> SUFFIX);
		registry.add("wm.identity.tokens.directory-recheck", () -> "PT0S");
	}

	@AfterAll
	static void stop() throws InterruptedException {
		slapd.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	Registry registry;

	Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	@Test
	void tokensStopWorkingWhenTheAccountLeavesTheDirectory() throws Exception {
		String taro = token("taro", "taro-pass");
		String hanako = token("hanako", "hanako-pass");
		String taroRunner = this.registry.issueRunnerCredential("taro");
		assertThat(this.http.get("/api/v1/me", bearer(taro)).status()).isEqualTo(200);
		assertThat(dockerLogin("taro", taro).status()).isEqualTo(200);
		assertThat(dockerLogin("taro", taroRunner).status()).isEqualTo(200);

		directoryAsAdmin().unbind("uid=taro,ou=people");

		Http.Response api = this.http.get("/api/v1/me", bearer(taro));
		assertThat(api.status()).isEqualTo(401);
		assertThat(api.json().get("type").asString()).endsWith("/problems/account-left-directory");
		assertThat(dockerLogin("taro", taro).status()).isEqualTo(401);
		assertThat(dockerLogin("taro", taroRunner).status()).isEqualTo(401);
		assertThat(this.http.get("/api/v1/me", bearer(hanako)).status()).isEqualTo(200);
		assertThat(dockerLogin("hanako", hanako).status()).isEqualTo(200);
	}

	private String token(String username, String password) {
		Http.Response created = this.http.post("/api/v1/tokens", "{\"name\":\"leaving\"}", basic(username, password));
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("token").asString();
	}

	private Http.Response dockerLogin(String username, String token) {
		return this.http.get("/registry/token?account=" + username + "&service=whalemountain-registry",
				basic(username, token));
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
