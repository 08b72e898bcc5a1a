package org.whalemountain.identity;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.whalemountain.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

	final MutableClock clock = new MutableClock();

	final LoginThrottle throttle = throttle(3);

	@Test
	void aNameIsHeldBackAfterTheLastAllowedFailureUntilTheOldestCountedOneExpires() {
		this.throttle.failed("carol");
		this.clock.advance(Duration.ofMinutes(1));
		this.throttle.failed("carol");
		assertThat(this.throttle.heldUntil("carol")).isEmpty();

		this.throttle.failed("carol");

		assertThat(this.throttle.heldUntil("carol"))
			.hasValueSatisfying((until) -> assertThat(until).isBetween(this.clock.instant().plus(Duration.ofMinutes(8)),
					this.clock.instant().plus(Duration.ofMinutes(9))));
		this.clock.advance(Duration.ofMinutes(8));
		assertThat(this.throttle.heldUntil("carol")).isPresent();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.throttle.heldUntil("carol")).isEmpty();
	}

	@Test
	void aSuccessForgivesEarlierFailures() {
		this.throttle.failed("carol");
		this.throttle.failed("carol");
		this.throttle.succeeded("carol");

		this.throttle.failed("carol");

		assertThat(this.throttle.heldUntil("carol")).isEmpty();
	}

	@Test
	void namesAreCountedApart() {
		List.of(1, 2, 3).forEach((attempt) -> this.throttle.failed("mallory"));

		assertThat(this.throttle.heldUntil("mallory")).isPresent();
		assertThat(this.throttle.heldUntil("alice")).isEmpty();
	}

	@Test
	void zeroFailuresAllowedTurnsTheThrottleOff() {
		LoginThrottle off = throttle(0);
		List.of(1, 2, 3, 4).forEach((attempt) -> off.failed("carol"));

		assertThat(off.heldUntil("carol")).isEmpty();
	}

	private LoginThrottle throttle(int maxFailures) {
		return new LoginThrottle(new IdentityProperties(Pattern.compile("[a-z]+"), "admins", true, null, null,
				new IdentityProperties.Tokens(Duration.ofDays(90), Duration.ofDays(365), Duration.ofMinutes(10)),
				new IdentityProperties.LoginThrottle(maxFailures, Duration.ofMinutes(10)), Duration.ofMinutes(1)),
				this.clock);
	}

}
