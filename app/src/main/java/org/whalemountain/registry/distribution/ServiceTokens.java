package org.whalemountain.registry.distribution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.whalemountain.registry.token.Access;

/**
 * The service's own registry tokens, one per scope, each kept until shortly before it
 * expires: signing is the costly part of a request, and a sync asks for the same
 * repositories again and again.
 */
public final class ServiceTokens {

	/**
	 * A token is replaced this long before its expiry, so that none expires in flight.
	 */
	static final Duration MARGIN = Duration.ofSeconds(30);

	/** Past this many cached scopes, expired ones are dropped. */
	private static final int PRUNE_ABOVE = 10_000;

	private final Minter minter;

	private final Clock clock;

	private final Map<String, Token> cache = new ConcurrentHashMap<>();

	public ServiceTokens(Minter minter, Clock clock) {
		this.minter = minter;
		this.clock = clock;
	}

	/** A valid token for exactly this access, minted only when none is cached. */
	String bearer(Access access) {
		String key = access.toString();
		Instant now = this.clock.instant();
		Token token = this.cache.get(key);
		if (token == null || !now.isBefore(token.expiresAt().minus(MARGIN))) {
			token = this.minter.mint(List.of(access));
			if (this.cache.size() > PRUNE_ABOVE) {
				this.cache.values().removeIf((cached) -> !now.isBefore(cached.expiresAt().minus(MARGIN)));
			}
			this.cache.put(key, token);
		}
		return token.value();
	}

	/** Signs a token for the service itself; never handed to anyone. */
	@FunctionalInterface
	public interface Minter {

		/** A token granting exactly {@code access}; does not block on I/O. */
		Token mint(List<Access> access);

	}

	/** A signed token and when the registry stops accepting it. */
	public record Token(String value, Instant expiresAt) {

		@Override
		public String toString() {
			return "Token[expiresAt=" + this.expiresAt + "]";
		}

	}

}
