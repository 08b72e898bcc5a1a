package org.whalemountain.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/** Console form login against the embedded demo directory. */
@ServiceTest
class LoginIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void rightPasswordLogsInAndMirrorsTheUserWithGroups() throws Exception {
		this.mvc.perform(formLogin().user("bob").password("bob-pass"))
			.andExpect(authenticated().withUsername("bob").withRoles("USER").withAuthentication((authentication) -> {
				UserPrincipal bob = (UserPrincipal) authentication.getPrincipal();
				assertThat(bob.groups()).containsExactly("course-os");
				assertThat(bob.displayName()).isEqualTo("Bob Builder");
			}))
			.andExpect(redirectedUrl("/"));

		var row = this.jdbc.sql("SELECT display_name, email, uid_number, gid_number FROM users WHERE username = 'bob'")
			.query()
			.singleRow();
		assertThat(row).containsEntry("display_name", "Bob Builder")
			.containsEntry("email", "bob@whalemountain.test")
			.containsEntry("uid_number", 10002)
			.containsEntry("gid_number", 10002);
		assertThat(
				this.jdbc.sql("SELECT group_name FROM user_groups WHERE username = 'bob'").query(String.class).list())
			.containsExactly("course-os");
	}

	@Test
	void adminGroupMapsToTheAdminRole() throws Exception {
		this.mvc.perform(formLogin().user("sensei").password("sensei-pass"))
			.andExpect(authenticated().withUsername("sensei").withRoles("USER", "ADMIN"));
	}

	@Test
	void userOutsideEveryGroupIsAPlainUser() throws Exception {
		this.mvc.perform(formLogin().user("carol").password("carol-pass"))
			.andExpect(authenticated().withUsername("carol").withRoles("USER"));
	}

	@Test
	void wrongPasswordIsRefused() throws Exception {
		this.mvc.perform(formLogin().user("alice").password("not-her-password"))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void unknownUserIsRefused() throws Exception {
		this.mvc.perform(formLogin().user("mallory").password("alice-pass")).andExpect(unauthenticated());
	}

	@ParameterizedTest
	@ValueSource(strings = { "*", "a*", "alice*", "*)(uid=*", "alice)(|(uid=*", "alice\\2a", "(uid=alice)",
			"alice\u0000", "\u0000" })
	void usernamesWithFilterCharactersMatchNobody(String username) throws Exception {
		this.mvc.perform(formLogin().user(username).password("alice-pass")).andExpect(unauthenticated());
	}

	@Test
	void capitalisedUsernameIsRefusedByThePolicy() throws Exception {
		// department accounts are lower-case; one spelling per user keeps the mirror free
		// of duplicates
		this.mvc.perform(formLogin().user("Alice").password("alice-pass")).andExpect(unauthenticated());
	}

}
