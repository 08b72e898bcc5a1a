package org.whalemountain.identity;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UsernamePolicyProviderTests {

	private final AtomicInteger directoryCalls = new AtomicInteger();

	private final AuthenticationProvider directory = new AuthenticationProvider() {
		@Override
		public Authentication authenticate(Authentication authentication) {
			UsernamePolicyProviderTests.this.directoryCalls.incrementAndGet();
			return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null, List.of());
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return true;
		}
	};

	private final UsernamePolicyProvider policy = new UsernamePolicyProvider(this.directory,
			Pattern.compile("[a-z_][a-z0-9_.-]{0,31}"));

	@ParameterizedTest
	@ValueSource(strings = { "*", "alice*", "alice)(uid=*", "alice\\", "alice\u0000", "", " alice", "Alice",
			"a-very-long-name-that-no-department-ever-issued" })
	void refusedNamesNeverReachTheDirectory(String username) {
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(
					() -> this.policy.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, "pw")))
			.withMessage("Bad credentials");
		assertThat(this.directoryCalls).hasValue(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "alice", "s1234567", "taro.yamada", "_svc", "k-sato" })
	void departmentNamesAreAskedOfTheDirectory(String username) {
		Authentication result = this.policy
			.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, "pw"));

		assertThat(result.getName()).isEqualTo(username);
		assertThat(this.directoryCalls).hasValue(1);
	}

}
