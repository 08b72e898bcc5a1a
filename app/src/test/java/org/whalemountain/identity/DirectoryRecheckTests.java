package org.whalemountain.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.whalemountain.identity.DirectoryAccounts.Presence;
import org.whalemountain.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryRecheckTests {

	final MutableClock clock = new MutableClock();

	final List<String> asked = new ArrayList<>();

	Presence answer = Presence.PRESENT;

	final DirectoryRecheck recheck = new DirectoryRecheck((username) -> {
		this.asked.add(username);
		return this.answer;
	}, properties(Duration.ofMinutes(10)), this.clock);

	@Test
	void aConfirmedOwnerIsNotAskedForAgainUntilTheRecheckIsDue() {
		assertThat(this.recheck.stillThere("alice")).isTrue();
		this.clock.advance(Duration.ofMinutes(9));
		this.answer = Presence.ABSENT;

		assertThat(this.recheck.stillThere("alice")).isTrue();
		assertThat(this.asked).containsExactly("alice");

		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.recheck.stillThere("alice")).isFalse();
		assertThat(this.asked).containsExactly("alice", "alice");
	}

	@Test
	void anAbsentOwnerIsAskedForOnEveryUseSoThatAReturnCounts() {
		this.answer = Presence.ABSENT;
		assertThat(this.recheck.stillThere("bob")).isFalse();
		assertThat(this.recheck.stillThere("bob")).isFalse();
		this.answer = Presence.PRESENT;

		assertThat(this.recheck.stillThere("bob")).isTrue();
		assertThat(this.asked).hasSize(3);
	}

	@Test
	void anUnreachableDirectoryLetsTokensWorkAndIsAskedAgainNextTime() {
		this.answer = Presence.UNKNOWN;
		assertThat(this.recheck.stillThere("carol")).isTrue();
		this.answer = Presence.ABSENT;

		assertThat(this.recheck.stillThere("carol")).isFalse();
	}

	@Test
	void usersAreConfirmedEachOnTheirOwn() {
		this.recheck.stillThere("alice");
		this.answer = Presence.ABSENT;

		assertThat(this.recheck.stillThere("bob")).isFalse();
		assertThat(this.recheck.stillThere("alice")).isTrue();
	}

	private static IdentityProperties properties(Duration recheck) {
		return new IdentityProperties(Pattern.compile("[a-z]+"), "admins", true, null, null,
				new IdentityProperties.Tokens(Duration.ofDays(90), Duration.ofDays(365), recheck),
				new IdentityProperties.LoginThrottle(10, Duration.ofMinutes(10)));
	}

}
