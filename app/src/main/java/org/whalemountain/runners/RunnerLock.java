package org.whalemountain.runners;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.whalemountain.platform.ConflictException;

/**
 * One change to a user's runner at a time, across every replica: a row of
 * {@code runner_locks} leased with the database's clock. A second request while one runs
 * gets a conflict at once instead of racing it to a second container.
 * <p>
 * Taking, extending and giving back the lease are short statements, each on a pooled
 * connection it returns at once: the change itself talks to GitLab and Docker for seconds
 * and needs the pool too, so holding a connection across it (as a named lock would) lets
 * a few parallel registrations starve the whole service.
 */
@Component
class RunnerLock implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RunnerLock.class);

	/**
	 * How long a replica that died mid-change keeps the user's runner locked; a live one
	 * extends the lease every half of this for as long as the change runs.
	 */
	static final Duration LEASE = Duration.ofMinutes(1);

	private final ScheduledExecutorService keepAlive;

	private final KeepAliveLockProvider locks;

	RunnerLock(DataSource dataSource) {
		JdbcTemplateLockProvider leases = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.withTableName("runner_locks")
			.usingDbTime()
			.build());
		this.keepAlive = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "runner-lock");
			thread.setDaemon(true);
			return thread;
		});
		this.locks = new KeepAliveLockProvider(leases, this.keepAlive);
	}

	/**
	 * Runs the change while holding the user's lock.
	 * @throws ConflictException when another change to the same runner holds it
	 */
	<T> T exclusively(String username, Supplier<T> change) {
		SimpleLock lock = this.locks.lock(new LockConfiguration(ClockProvider.now(), username, LEASE, Duration.ZERO))
			.orElseThrow(() -> new ConflictException("runner-change-in-progress",
					"Another change to your runner is under way. Wait until it finishes, then look at its status."));
		try {
			return change.get();
		}
		finally {
			unlockQuietly(lock, username);
		}
	}

	/**
	 * The change is done either way; a failed give-back must not hide its outcome, and
	 * the lease runs out by itself.
	 */
	private static void unlockQuietly(SimpleLock lock, String username) {
		try {
			lock.unlock();
		}
		catch (RuntimeException ex) {
			log.warn("The runner lock of {} could not be given back and expires within {}: {}", username, LEASE,
					ex.getMessage());
		}
	}

	@Override
	public void close() {
		this.keepAlive.shutdownNow();
	}

}
