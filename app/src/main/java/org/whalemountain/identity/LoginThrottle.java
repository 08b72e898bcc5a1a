package org.whalemountain.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Counts failed password logins per login name (whether or not the account exists, so
 * that the answer tells nothing) and holds a name back once it has failed
 * {@code max-failures} times within {@code window}: guessing a student's password over
 * the console, the API or {@code docker login} takes years instead of hours. Kept in
 * memory: a restart forgives, which is acceptable for a throttle.
 */
@Component
class LoginThrottle {

	/** Past this many names, stale ones are swept before another is added. */
	private static final int SWEEP_ABOVE = 10_000;

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	private final IdentityProperties.LoginThrottle settings;

	private final Clock clock;

	LoginThrottle(IdentityProperties properties, Clock clock) {
		this.settings = properties.loginThrottle();
		this.clock = clock;
	}

	/** When the name may try again, if it is held back now. */
	Optional<Instant> heldUntil(String username) {
		if (!this.settings.enabled()) {
			return Optional.empty();
		}
		Deque<Instant> recent = this.failures.get(username);
		if (recent == null) {
			return Optional.empty();
		}
		synchronized (recent) {
			forgetOld(recent);
			return (recent.size() >= this.settings.maxFailures())
					? Optional.of(recent.peekFirst().plus(this.settings.window())) : Optional.empty();
		}
	}

	void failed(String username) {
		if (!this.settings.enabled()) {
			return;
		}
		if (this.failures.size() > SWEEP_ABOVE) {
			sweep();
		}
		Deque<Instant> recent = this.failures.computeIfAbsent(username, (name) -> new ArrayDeque<>());
		synchronized (recent) {
			forgetOld(recent);
			recent.addLast(this.clock.instant());
			while (recent.size() > this.settings.maxFailures()) {
				recent.removeFirst();
			}
		}
	}

	void succeeded(String username) {
		this.failures.remove(username);
	}

	private void forgetOld(Deque<Instant> recent) {
		Instant horizon = this.clock.instant().minus(this.settings.window());
		while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
			recent.removeFirst();
		}
	}

	private void sweep() {
		this.failures.values().removeIf((recent) -> {
			synchronized (recent) {
				forgetOld(recent);
				return recent.isEmpty();
			}
		});
	}

	/** For the answer's {@code Retry-After}. */
	Duration until(Instant instant) {
		Duration left = Duration.between(this.clock.instant(), instant);
		return left.isNegative() ? Duration.ZERO : left;
	}

}
