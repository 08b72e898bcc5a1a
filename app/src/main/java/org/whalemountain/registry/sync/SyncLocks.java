package org.whalemountain.registry.sync;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The two ShedLock locks of the sync, in the database's {@code shedlock} table with the
 * database's clock, so that replicas with drifting clocks agree: {@code registry-sync}
 * lets one replica at a time run a sync, and {@code registry-sync-schedule} lets one
 * replica per interval start the scheduled one.
 */
class SyncLocks implements AutoCloseable {

	static final String SYNC = "registry-sync";

	static final String SCHEDULE = "registry-sync-schedule";

	/**
	 * How long a replica that died keeps others from syncing; a live one extends its lock
	 * every half of this for as long as the sync runs.
	 */
	static final Duration SYNC_LEASE = Duration.ofMinutes(2);

	private final JdbcTemplateLockProvider locks;

	private final ScheduledExecutorService keepAlive;

	private final KeepAliveLockProvider extendedLocks;

	SyncLocks(DataSource dataSource) {
		this.locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.build());
		this.keepAlive = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "registry-sync-lock");
			thread.setDaemon(true);
			return thread;
		});
		this.extendedLocks = new KeepAliveLockProvider(this.locks, this.keepAlive);
	}

	/** The right to run a sync now, or empty when another replica runs one. */
	Optional<SimpleLock> sync() {
		return this.extendedLocks.lock(new LockConfiguration(ClockProvider.now(), SYNC, SYNC_LEASE, Duration.ZERO));
	}

	/**
	 * The right to start this interval's scheduled sync: whoever gets it keeps it for
	 * {@code hold} even after unlocking, so that the other replicas' ticks in that time
	 * find it taken.
	 */
	Optional<SimpleLock> schedule(Duration hold) {
		return this.locks.lock(new LockConfiguration(ClockProvider.now(), SCHEDULE, hold, hold));
	}

	@Override
	public void close() {
		this.keepAlive.shutdownNow();
	}

}
