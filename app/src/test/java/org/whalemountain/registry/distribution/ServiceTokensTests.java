package org.whalemountain.registry.distribution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.whalemountain.registry.token.Access;
import org.whalemountain.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceTokensTests {

	private final MutableClock clock = new MutableClock();

	private final List<List<Access>> minted = new ArrayList<>();

	private final ServiceTokens tokens = new ServiceTokens((access) -> {
		this.minted.add(access);
		return new ServiceTokens.Token("token-" + this.minted.size(), this.clock.instant().plus(Duration.ofMinutes(5)));
	}, this.clock);

	@Test
	void aTokenIsMintedOncePerScopeAndReusedUntilShortlyBeforeItExpires() {
		Access pull = Access.repository("alice/app", "pull");

		assertThat(this.tokens.bearer(pull)).isEqualTo("token-1");
		assertThat(this.tokens.bearer(Access.repository("alice/app", "pull"))).isEqualTo("token-1");
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(this.tokens.bearer(pull)).isEqualTo("token-1");
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.tokens.bearer(pull)).isEqualTo("token-2");
		assertThat(this.minted).containsExactly(List.of(pull), List.of(pull));
	}

	@Test
	void everyScopeHasItsOwnToken() {
		assertThat(this.tokens.bearer(Access.repository("alice/app", "pull"))).isEqualTo("token-1");
		assertThat(this.tokens.bearer(Access.repository("alice/app", "delete"))).isEqualTo("token-2");
		assertThat(this.tokens.bearer(Access.repository("bob/app", "pull"))).isEqualTo("token-3");
	}

}
