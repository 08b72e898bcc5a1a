package org.whalemountain.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.whalemountain.identity.DirectoryAccounts.Account;
import org.whalemountain.identity.DirectoryAccounts.Presence;
import org.whalemountain.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryRecheckTests {

	final MutableClock clock = new MutableClock();

	final List<String> asked = new ArrayList<>();

	Account answer = Account.present(List.of("course-os"), false);

	final DirectoryRecheck recheck = new DirectoryRecheck((username) -> {
		this.asked.add(username);
		return this.answer;
	}, properties(Duration.ofMinutes(10)), this.clock);

	@Test
	void aConfirmedOwnerIsNotAskedForAgainUntilTheRecheckIsDue() {
		assertThat(this.recheck.recheck("alice")).contains(this.answer);
		this.clock.advance(Duration.ofMinutes(9));
		this.answer = Account.absent();

		assertThat(this.recheck.recheck("alice")).isEmpty();
		assertThat(this.asked).containsExactly("alice");

		this.clock.advance(Duration.ofMinutes(1));
		assertThat(presence("alice")).isEqualTo(Presence.ABSENT);
		assertThat(this.asked).containsExactly("alice", "alice");
	}

	@Test
	void aDueRecheckBringsTheDirectorysGroupsAndAdminFlag() {
		this.recheck.recheck("sensei");
		this.answer = Account.present(List.of(), false);
		this.clock.advance(Duration.ofMinutes(10));

		assertThat(this.recheck.recheck("sensei")).contains(Account.present(List.of(), false));
	}

	@Test
	void anAbsentOwnerIsAskedForOnEveryUseSoThatAReturnCounts() {
		this.answer = Account.absent();
		assertThat(presence("bob")).isEqualTo(Presence.ABSENT);
		assertThat(presence("bob")).isEqualTo(Presence.ABSENT);
		this.answer = Account.present(List.of(), false);

		assertThat(presence("bob")).isEqualTo(Presence.PRESENT);
		assertThat(this.asked).hasSize(3);
	}

	@Test
	void anUnreachableDirectoryIsAskedAgainNextTime() {
		this.answer = Account.unknown();
		assertThat(presence("carol")).isEqualTo(Presence.UNKNOWN);
		this.answer = Account.absent();

		assertThat(presence("carol")).isEqualTo(Presence.ABSENT);
	}

	@Test
	void usersAreConfirmedEachOnTheirOwn() {
		this.recheck.recheck("alice");
		this.answer = Account.absent();

		assertThat(presence("bob")).isEqualTo(Presence.ABSENT);
		assertThat(this.recheck.recheck("alice")).isEmpty();
	}

	private Presence presence(String username) {
		return this.recheck.recheck(username).map(Account::presence).orElseThrow();
	}

	private static IdentityProperties properties(Duration recheck) {
		return new IdentityProperties(Pattern.compile("[a-z]+"), "admins", true, null, null,
				new IdentityProperties.Tokens(Duration.ofDays(90), Duration.ofDays(365), recheck),
				new IdentityProperties.LoginThrottle(10, Duration.ofMinutes(10)), Duration.ofMinutes(1));
	}

}
