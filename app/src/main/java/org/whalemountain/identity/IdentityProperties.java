package org.whalemountain.identity;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How users are found in the department directory and how long their API tokens live
 * ({@code wm.identity.*}). Every property is listed in {@code docs/operator-guide.md}.
 *
 * @param usernamePattern the only login names tried against the directory; anything else
 * fails like a wrong password, before LDAP is asked
 * @param adminGroup members of this directory group get the ADMIN role
 * @param demo starts the embedded demo directory, whose passwords are published, and
 * binds the web server to 127.0.0.1 unless {@code server.address} says otherwise; only
 * for trying the service out. Exactly one of this and {@code ldap.url} must be set
 * @param ldap the department directory
 * @param embedded the demo directory
 * @param tokens personal access token lifetimes
 * @param loginThrottle how many wrong passwords a login name may send
 * @param basicAuthCache how long a successful HTTP Basic bind is reused for the same name
 * and password, so that a script calling the API in a loop does not bind, audit a login
 * and update the users table on every call; {@code PT0S} binds on every call
 */
@Validated
@ConfigurationProperties("wm.identity")
public record IdentityProperties(@NotNull @DefaultValue("[a-z_][a-z0-9_.-]{0,31}") Pattern usernamePattern,
		@NotBlank @DefaultValue("wm-admins") String adminGroup, @DefaultValue("false") boolean demo,
		@Valid @DefaultValue Ldap ldap, @Valid @DefaultValue Embedded embedded, @Valid @DefaultValue Tokens tokens,
		@Valid @DefaultValue LoginThrottle loginThrottle, @NotNull @DefaultValue("PT1M") Duration basicAuthCache) {

	public IdentityProperties {
		// fail closed: a missing or misspelt URL must not quietly open a directory whose
		// passwords are in the README
		boolean external = ldap != null && ldap.external();
		if (!demo && !external) {
			throw new IllegalArgumentException("No directory is configured: set wm.identity.ldap.url to the department "
					+ "directory (ldap://host:389 or ldaps://host:636), or wm.identity.demo=true to try the service "
					+ "with the embedded demo directory, whose passwords are published");
		}
		if (demo && external) {
			throw new IllegalArgumentException("wm.identity.demo=true asks for the embedded demo directory, but "
					+ "wm.identity.ldap.url is set too: set only one of them");
		}
		if (basicAuthCache != null && basicAuthCache.isNegative()) {
			throw new IllegalArgumentException("wm.identity.basic-auth-cache must not be negative: " + basicAuthCache);
		}
	}

	/**
	 * @param url {@code ldap://host:389} or {@code ldaps://host:636}; empty only with
	 * {@code wm.identity.demo=true}
	 * @param base the base DN every search below is relative to
	 * @param managerDn DN to bind as for searches; empty binds anonymously
	 * @param managerPassword its password
	 * @param userDnPatterns DN patterns tried in order; when empty, the user search is
	 * used. A pattern holds commas, so set it by index
	 * ({@code user-dn-patterns[0]=uid={0},ou=people})
	 * @param userSearchBase where users are searched
	 * @param userSearchFilter {0} is the login name, escaped
	 * @param usernameAttribute the attribute that holds the canonical login name
	 * @param displayNameAttribute falls back to {@code cn}
	 * @param emailAttribute the mail attribute
	 * @param groupSearchBase where groups are searched
	 * @param groupSearchFilter {0} is the user's DN, {1} the login name
	 * @param groupNameAttribute the attribute that names a group
	 */
	public record Ldap(@DefaultValue("") String url, @DefaultValue("dc=whalemountain,dc=test") String base,
			@DefaultValue("") String managerDn, @DefaultValue("") String managerPassword,
			@DefaultValue List<String> userDnPatterns, @DefaultValue("ou=people") String userSearchBase,
			@NotBlank @DefaultValue("(uid={0})") String userSearchFilter,
			@NotBlank @DefaultValue("uid") String usernameAttribute,
			@NotBlank @DefaultValue("displayName") String displayNameAttribute,
			@NotBlank @DefaultValue("mail") String emailAttribute, @DefaultValue("ou=groups") String groupSearchBase,
			@NotBlank @DefaultValue("(|(member={0})(memberUid={1}))") String groupSearchFilter,
			@NotBlank @DefaultValue("cn") String groupNameAttribute) {

		/** Whether an external directory is configured. */
		public boolean external() {
			return !this.url.isBlank();
		}

	}

	/**
	 * The demo directory, started only with {@code wm.identity.demo=true}.
	 *
	 * @param port port on 127.0.0.1, 0 for a free one
	 * @param ldif the entries loaded at start
	 */
	public record Embedded(@DefaultValue("0") int port,
			@NotBlank @DefaultValue("classpath:directory/demo-users.ldif") String ldif) {
	}

	/**
	 * @param defaultLifetime lifetime of a token created without {@code expiresInDays}
	 * @param maxLifetime the longest lifetime a user may ask for
	 * @param directoryRecheck how long a token owner's presence in the directory is
	 * trusted before the directory is asked again; {@code PT0S} asks on every use
	 */
	public record Tokens(@NotNull @DefaultValue("P90D") Duration defaultLifetime,
			@NotNull @DefaultValue("P365D") Duration maxLifetime,
			@NotNull @DefaultValue("PT10M") Duration directoryRecheck) {

		public Tokens {
			// checked here so that a bad configuration stops the start instead of every
			// token request
			if (maxLifetime.toDays() < 1 || defaultLifetime.toDays() < 1
					|| defaultLifetime.compareTo(maxLifetime) > 0) {
				throw new IllegalArgumentException("wm.identity.tokens: default-lifetime (" + defaultLifetime
						+ ") and max-lifetime (" + maxLifetime + ") must be whole days, at least one, default <= max");
			}
			if (directoryRecheck.isNegative()) {
				throw new IllegalArgumentException(
						"wm.identity.tokens.directory-recheck must not be negative: " + directoryRecheck);
			}
		}

	}

	/**
	 * @param maxFailures wrong passwords a login name may send within {@code window}
	 * before it is held back until the oldest of them is {@code window} old; 0 turns the
	 * throttle off
	 * @param window how long a failure counts
	 */
	public record LoginThrottle(@Min(0) @DefaultValue("10") int maxFailures,
			@NotNull @DefaultValue("PT10M") Duration window) {

		public boolean enabled() {
			return this.maxFailures > 0 && !this.window.isNegative() && !this.window.isZero();
		}

	}

}
