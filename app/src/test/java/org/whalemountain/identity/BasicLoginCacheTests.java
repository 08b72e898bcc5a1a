package org.whalemountain.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.whalemountain.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BasicLoginCacheTests {

	static final UserPrincipal ALICE = new UserPrincipal("alice", "Alice", null, null, null, List.of("course-os"),
			false);

	final MutableClock clock = new MutableClock();

	final List<String> binds = new ArrayList<>();

	final LoginThrottle throttle = new LoginThrottle(properties(), this.clock);

	/** The directory: alice-pass is alice's password, and every bind is counted. */
	final AuthenticationManager directory = (attempt) -> {
		this.binds.add(attempt.getName());
		if (!"alice-pass".equals(attempt.getCredentials())) {
			this.throttle.failed(attempt.getName());
			throw new BadCredentialsException("Bad credentials");
		}
		return UsernamePasswordAuthenticationToken.authenticated(ALICE, null, ALICE.getAuthorities());
	};

	final AuthenticationManager logins = new BasicLoginCache(Duration.ofMinutes(1), this.throttle, this.clock)
		.around(this.directory);

	@Test
	void theSamePasswordWithinTheCacheTimeBindsOnce() {
		Authentication first = this.logins.authenticate(attempt("alice", "alice-pass"));
		Authentication second = this.logins.authenticate(attempt("alice", "alice-pass"));

		assertThat(this.binds).containsExactly("alice");
		assertThat(second.isAuthenticated()).isTrue();
		assertThat(second.getPrincipal()).isEqualTo(first.getPrincipal()).isEqualTo(ALICE);
		assertThat(second.getAuthorities()).isEqualTo(first.getAuthorities());
		assertThat(second.getCredentials()).isNull();
	}

	@Test
	void aWrongPasswordIsNeverAnsweredFromTheCache() {
		this.logins.authenticate(attempt("alice", "alice-pass"));

		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> this.logins.authenticate(attempt("alice", "alice-pasS")));
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> this.logins.authenticate(attempt("alice", "")));
		assertThat(this.binds).containsExactly("alice", "alice", "alice");
	}

	@Test
	void theBindIsRepeatedOnceTheCacheTimeIsOver() {
		this.logins.authenticate(attempt("alice", "alice-pass"));
		this.clock.advance(Duration.ofSeconds(59));
		this.logins.authenticate(attempt("alice", "alice-pass"));
		this.clock.advance(Duration.ofSeconds(1));

		this.logins.authenticate(attempt("alice", "alice-pass"));

		assertThat(this.binds).containsExactly("alice", "alice");
	}

	@Test
	void aNameTheThrottleHoldsBackIsNotAnsweredFromTheCache() {
		this.logins.authenticate(attempt("alice", "alice-pass"));
		for (int guess = 1; guess <= 3; guess++) {
			int n = guess;
			assertThatExceptionOfType(BadCredentialsException.class)
				.isThrownBy(() -> this.logins.authenticate(attempt("alice", "guess-" + n)));
		}

		this.logins.authenticate(attempt("alice", "alice-pass"));

		assertThat(this.binds).hasSize(5);
	}

	@Test
	void aZeroCacheTimeBindsEveryCall() {
		AuthenticationManager uncached = new BasicLoginCache(Duration.ZERO, this.throttle, this.clock)
			.around(this.directory);

		uncached.authenticate(attempt("alice", "alice-pass"));
		uncached.authenticate(attempt("alice", "alice-pass"));

		assertThat(this.binds).hasSize(2);
	}

	private static Authentication attempt(String username, String password) {
		return UsernamePasswordAuthenticationToken.unauthenticated(username, password);
	}

	private static IdentityProperties properties() {
		return new IdentityProperties(Pattern.compile("[a-z]+"), "admins", true, null, null,
				new IdentityProperties.Tokens(Duration.ofDays(90), Duration.ofDays(365), Duration.ofMinutes(10)),
				new IdentityProperties.LoginThrottle(3, Duration.ofMinutes(10)), Duration.ofMinutes(1));
	}

}
