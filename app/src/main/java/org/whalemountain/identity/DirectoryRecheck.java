package org.whalemountain.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.whalemountain.identity.DirectoryAccounts.Account;

/**
 * Asks the directory about a token's owner at most once per
 * {@code wm.identity.tokens.directory-recheck} per user, so that a burst of API calls
 * does not become a burst of LDAP searches.
 */
@Component
class DirectoryRecheck {

	private static final Logger log = LoggerFactory.getLogger(DirectoryRecheck.class);

	private final DirectoryAccounts directory;

	private final IdentityProperties properties;

	private final Clock clock;

	private final Map<String, Instant> confirmedAt = new ConcurrentHashMap<>();

	DirectoryRecheck(DirectoryAccounts directory, IdentityProperties properties, Clock clock) {
		this.directory = directory;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * What the directory says about the owner now, or empty while its last
	 * {@code PRESENT} is still trusted. An absent owner is asked for on every use, so
	 * that a return counts at once; so is one the directory could not be asked about.
	 */
	Optional<Account> recheck(String username) {
		Instant now = this.clock.instant();
		Instant confirmed = this.confirmedAt.get(username);
		if (confirmed != null && now.isBefore(confirmed.plus(this.properties.tokens().directoryRecheck()))) {
			return Optional.empty();
		}
		Account account = this.directory.lookup(username);
		switch (account.presence()) {
			case PRESENT -> this.confirmedAt.put(username, now);
			case ABSENT -> {
				this.confirmedAt.remove(username);
				log.info("Refused a token of {}: the account is no longer in the directory", username);
			}
			case UNKNOWN -> log.warn("Accepted a token of {} unchecked: the directory could not be asked", username);
		}
		return Optional.of(account);
	}

}
