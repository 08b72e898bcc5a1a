package org.whalemountain.identity;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.whalemountain.testsupport.Slapd;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.assertj.core.api.Assertions.assertThat;

/** Login against a real OpenLDAP slapd configured the way a department runs it. */
@SpringBootTest
@AutoConfigureMockMvc
class SlapdLoginIT {

	static Slapd slapd;

	@DynamicPropertySource
	static void directory(DynamicPropertyRegistry registry) throws Exception {
		slapd = Slapd.start(Files.createTempDirectory("wm-slapd"), "dc=dept,dc=test", "/directory/department.ldif");
		registry.add("wm.identity.demo", () -> "false");
		registry.add("wm.identity.ldap.url", slapd::url);
		registry.add("wm.identity.ldap.base", () -> "dc=dept,dc=test");
		registry.add("wm.identity.admin-group", () -> "staff");
		// let every name through the policy, so that the filter escaping itself is what
		// refuses "*"
		registry.add("wm.identity.username-pattern", () -> "(?s).+");
	}

	@AfterAll
	static void stop() throws InterruptedException {
		slapd.close();
	}

	@Autowired
	MockMvc mvc;

	@Test
	void posixGroupMembershipByMemberUid() throws Exception {
		this.mvc.perform(formLogin().user("taro").password("taro-pass"))
			.andExpect(authenticated().withUsername("taro").withRoles("USER").withAuthentication((authentication) -> {
				UserPrincipal taro = (UserPrincipal) authentication.getPrincipal();
				assertThat(taro.groups()).containsExactly("students");
				assertThat(taro.displayName()).isEqualTo("山田 太郎");
				assertThat(taro.uidNumber()).isEqualTo(20001);
				assertThat(taro.gidNumber()).isEqualTo(20000);
			}));
	}

	@Test
	void groupOfNamesMembershipByMemberDnMakesAnAdmin() throws Exception {
		this.mvc.perform(formLogin().user("hanako").password("hanako-pass"))
			.andExpect(authenticated().withUsername("hanako").withRoles("USER", "ADMIN").withAuthentication((auth) -> {
				UserPrincipal hanako = (UserPrincipal) auth.getPrincipal();
				assertThat(hanako.groups()).containsExactly("staff", "students");
				assertThat(hanako.displayName()).isEqualTo("Suzuki Hanako");
			}));
	}

	@Test
	void wrongPasswordAndFilterCharactersAreRefused() throws Exception {
		this.mvc.perform(formLogin().user("taro").password("hanako-pass")).andExpect(unauthenticated());
		this.mvc.perform(formLogin().user("*").password("taro-pass")).andExpect(unauthenticated());
		this.mvc.perform(formLogin().user("t*").password("taro-pass")).andExpect(unauthenticated());
		this.mvc.perform(formLogin().user("taro)(uid=*").password("taro-pass")).andExpect(unauthenticated());
		this.mvc.perform(formLogin().user("taro\\").password("taro-pass")).andExpect(unauthenticated());
		this.mvc.perform(formLogin().user("taro\u0000").password("taro-pass")).andExpect(unauthenticated());
	}

}
