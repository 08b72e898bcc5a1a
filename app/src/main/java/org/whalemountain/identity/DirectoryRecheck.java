package org.whalemountain.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Whether a token's owner is still in the directory, asked at most once per
 * {@code wm.identity.tokens.directory-recheck} per user so that a burst of API calls does
 * not become a burst of LDAP searches.
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
	 * @return false only when the directory answered that the account is gone; while the
	 * directory cannot be reached, tokens keep working (an LDAP outage must not lock
	 * every student out of the API) and the next use asks again
	 */
	boolean stillThere(String username) {
		Instant now = this.clock.instant();
		Instant confirmed = this.confirmedAt.get(username);
		if (confirmed != null && now.isBefore(confirmed.plus(this.properties.tokens().directoryRecheck()))) {
			return true;
		}
		return switch (this.directory.presence(username)) {
			case PRESENT -> {
				this.confirmedAt.put(username, now);
				yield true;
			}
			case ABSENT -> {
				this.confirmedAt.remove(username);
				log.info("Refused a token of {}: the account is no longer in the directory", username);
				yield false;
			}
			case UNKNOWN -> {
				log.warn("Accepted a token of {} unchecked: the directory could not be asked", username);
				yield true;
			}
		};
	}

}
