package org.whalemountain.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.whalemountain.identity.tokens.TokenSecrets;
import org.whalemountain.identity.tokens.TokenStore;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;

/**
 * The identity module's entry: known users and their personal access tokens. Every token
 * operation is scoped to its owner; another user's token is not found.
 */
@Service
public class Identity {

	static final int MAX_TOKEN_NAME = 64;

	private final UserMirror users;

	private final TokenStore tokens;

	private final IdentityProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TokenOwners owners;

	Identity(UserMirror users, TokenStore tokens, IdentityProperties properties, ApplicationEventPublisher events,
			Clock clock, TokenOwners owners) {
		this.owners = owners;
		this.users = users;
		this.tokens = tokens;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The user as mirrored at their last login.
	 * @throws NotFoundException if the user never logged in
	 */
	public UserPrincipal user(String username) {
		return this.users.find(username)
			.orElseThrow(
					() -> new NotFoundException("user-not-found", "No user '" + username + "' has logged in yet."));
	}

	/**
	 * The owner of a presented token as mirrored at their last login, with the groups and
	 * admin role of the last directory re-check ({@code directory-recheck}), unless the
	 * directory says the account is gone: leaving the department ends token access too.
	 * Blocks on LDAP when the re-check is due.
	 */
	public Optional<UserPrincipal> tokenOwner(String username) {
		return this.owners.owner(username);
	}

	/** Every user who ever logged in, by name. */
	public List<UserSummary> users() {
		return this.users.all();
	}

	/**
	 * Creates a token for the owner.
	 * @param expiresInDays {@code null} for the configured default
	 * @throws InvalidInputException for a blank or long name or a lifetime out of range
	 */
	@Transactional
	public NewToken createToken(String owner, String name, Integer expiresInDays, String sourceAddress) {
		String trimmed = (name != null) ? name.strip() : "";
		if (trimmed.isEmpty() || trimmed.length() > MAX_TOKEN_NAME
				|| trimmed.codePoints().anyMatch(Character::isISOControl)) {
			throw new InvalidInputException("invalid-token-name", "name",
					"Give the token a name of 1 to " + MAX_TOKEN_NAME + " printable characters, e.g. \"laptop\".");
		}
		Duration lifetime = lifetime(expiresInDays);
		Instant now = this.clock.instant();
		String secret = TokenSecrets.generate();
		PersonalAccessToken token = this.tokens.insert(owner, trimmed, TokenSecrets.hash(secret), now,
				now.plus(lifetime));
		this.events
			.publishEvent(new TokenCreated(owner, token.id(), token.name(), token.expiresAt(), sourceAddress, now));
		return new NewToken(token, secret);
	}

	/** The owner's tokens, newest first, without secrets. */
	public List<PersonalAccessToken> tokens(String owner) {
		return this.tokens.ownedBy(owner);
	}

	/**
	 * One of the owner's tokens.
	 * @throws NotFoundException if the owner has no token with that id
	 */
	public PersonalAccessToken token(String owner, long tokenId) {
		return this.tokens.find(owner, tokenId).orElseThrow(() -> tokenNotFound(tokenId));
	}

	/** The lifetimes a token may have, in days, for forms: {@code [default, max]}. */
	public TokenLifetimes tokenLifetimes() {
		return new TokenLifetimes(this.properties.tokens().defaultLifetime().toDays(),
				this.properties.tokens().maxLifetime().toDays());
	}

	/**
	 * Revokes one of the owner's tokens at once.
	 * @throws NotFoundException if the owner has no token with that id
	 */
	@Transactional
	public void revokeToken(String owner, long tokenId, String sourceAddress) {
		PersonalAccessToken token = this.tokens.find(owner, tokenId).orElseThrow(() -> tokenNotFound(tokenId));
		this.tokens.delete(owner, tokenId);
		this.events
			.publishEvent(new TokenRevoked(owner, token.id(), token.name(), sourceAddress, this.clock.instant()));
	}

	/**
	 * Checks a personal access token presented together with a username, as
	 * {@code docker login} does. Touches the token's last use.
	 * @return the user, or empty when the token is unknown, expired or someone else's, or
	 * its owner left the directory
	 */
	@Transactional
	public Optional<UserPrincipal> verifyToken(String username, String secret) {
		if (username == null || secret == null || !secret.startsWith(TokenSecrets.PREFIX)) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		return this.tokens.ownerOf(TokenSecrets.hash(secret))
			.filter((owner) -> owner.username().equals(username) && now.isBefore(owner.expiresAt()))
			.flatMap((owner) -> tokenOwner(owner.username()).map((user) -> {
				this.tokens.touch(owner.tokenId(), now);
				return user;
			}));
	}

	private Duration lifetime(Integer expiresInDays) {
		if (expiresInDays == null) {
			return this.properties.tokens().defaultLifetime();
		}
		long maxDays = this.properties.tokens().maxLifetime().toDays();
		if (expiresInDays < 1 || expiresInDays > maxDays) {
			throw new InvalidInputException("invalid-token-lifetime", "expiresInDays",
					"expiresInDays must be between 1 and " + maxDays + "; leave it out for "
							+ this.properties.tokens().defaultLifetime().toDays() + " days.");
		}
		return Duration.ofDays(expiresInDays);
	}

	private static NotFoundException tokenNotFound(long tokenId) {
		return new NotFoundException("token-not-found", "You have no token with id " + tokenId + ".");
	}

}
