package org.whalemountain.workloads;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;
import org.whalemountain.platform.TooManyRequestsException;

/**
 * How many commands each user has running on this instance, within
 * {@code wm.workloads.exec.max-per-user}. A running command holds a connection to the
 * engine until it ends or times out, so without a cap one user's many long commands would
 * take the connections every other user's calls need.
 */
@Component
class CommandSlots {

	/** Commands often end within seconds; the longest ones at their timeout. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final ConcurrentMap<String, Integer> running = new ConcurrentHashMap<>();

	private final int maxPerUser;

	CommandSlots(WorkloadsProperties properties) {
		this.maxPerUser = properties.exec().maxPerUser();
	}

	/**
	 * Takes one of the user's slots, to be closed when the command has ended.
	 * @throws TooManyRequestsException if the user has all slots taken
	 */
	Slot take(String username) {
		boolean[] taken = { false };
		this.running.compute(username, (user, count) -> {
			int now = (count != null) ? count : 0;
			if (now >= this.maxPerUser) {
				return count;
			}
			taken[0] = true;
			return now + 1;
		});
		if (!taken[0]) {
			throw new TooManyRequestsException("too-many-commands", "You have " + this.maxPerUser
					+ " commands running already (wm.workloads.exec.max-per-user);" + " wait until one has ended.",
					RETRY_AFTER);
		}
		return new Slot(username);
	}

	int runningBy(String username) {
		return this.running.getOrDefault(username, 0);
	}

	/** One running command's slot; closing it more than once frees it once. */
	final class Slot implements AutoCloseable {

		private final String username;

		private final AtomicBoolean closed = new AtomicBoolean();

		private Slot(String username) {
			this.username = username;
		}

		@Override
		public void close() {
			if (this.closed.compareAndSet(false, true)) {
				CommandSlots.this.running.computeIfPresent(this.username,
						(user, count) -> (count <= 1) ? null : count - 1);
			}
		}

	}

}
