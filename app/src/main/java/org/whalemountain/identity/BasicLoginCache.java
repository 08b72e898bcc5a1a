package org.whalemountain.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Remembers a successful HTTP Basic bind for {@code wm.identity.basic-auth-cache}, so
 * that a script calling the API in a loop binds, audits a login and updates the users
 * table once per period rather than on every call. An entry holds the user, a random salt
 * and an HMAC of salt and password under a key that never leaves this process, compared
 * in constant time; never the password. A name the login throttle holds back is not
 * served from here, so the throttle still wins over a remembered password.
 */
public class BasicLoginCache {

	/** Past this many names, expired ones are swept before another is added. */
	private static final int SWEEP_ABOVE = 10_000;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final byte[] key = random(32);

	private final Duration lifetime;

	private final LoginThrottle throttle;

	private final Clock clock;

	BasicLoginCache(Duration lifetime, LoginThrottle throttle, Clock clock) {
		this.lifetime = lifetime;
		this.throttle = throttle;
		this.clock = clock;
	}

	/**
	 * The password logins behind this cache: a remembered name and password is answered
	 * at once, without events; anything else goes to {@code passwords}, and what it
	 * accepts is remembered.
	 */
	public AuthenticationManager around(AuthenticationManager passwords) {
		return (attempt) -> {
			String name = attempt.getName();
			String password = (attempt.getCredentials() instanceof String text) ? text : null;
			if (name == null || password == null || this.lifetime.isZero()) {
				return passwords.authenticate(attempt);
			}
			Optional<Authentication> remembered = remembered(name, password, attempt);
			if (remembered.isPresent()) {
				return remembered.get();
			}
			Authentication done = passwords.authenticate(attempt);
			remember(name, password, done);
			return done;
		};
	}

	private Optional<Authentication> remembered(String name, String password, Authentication attempt) {
		Entry entry = this.entries.get(name);
		if (entry == null || !this.clock.instant().isBefore(entry.until())
				|| !MessageDigest.isEqual(entry.mac(), mac(entry.salt(), password))
				|| this.throttle.heldUntil(name).isPresent()) {
			return Optional.empty();
		}
		UsernamePasswordAuthenticationToken again = UsernamePasswordAuthenticationToken.authenticated(entry.principal(),
				null, entry.authorities());
		again.setDetails(attempt.getDetails());
		return Optional.of(again);
	}

	private void remember(String name, String password, Authentication done) {
		if (this.entries.size() > SWEEP_ABOVE) {
			Instant now = this.clock.instant();
			this.entries.values().removeIf((entry) -> !now.isBefore(entry.until()));
		}
		byte[] salt = random(16);
		this.entries.put(name, new Entry(salt, mac(salt, password), done.getPrincipal(), done.getAuthorities(),
				this.clock.instant().plus(this.lifetime)));
	}

	private byte[] mac(byte[] salt, String password) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			mac.update(salt);
			return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every JVM has HmacSHA256", ex);
		}
	}

	private static byte[] random(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	private record Entry(byte[] salt, byte[] mac, Object principal, Collection<? extends GrantedAuthority> authorities,
			Instant until) {
	}

}
