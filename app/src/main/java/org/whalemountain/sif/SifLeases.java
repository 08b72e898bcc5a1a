package org.whalemountain.sif;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who builds what: a worker claims a build with a lease, and while it holds the claim a
 * heartbeat renews the lease every {@code wm.sif.lease / 3}, however long one step of the
 * build takes, so that no other worker takes a live build over. A build whose lease ran
 * out (its instance died) is claimable again. Leases are measured in the database's time:
 * instances whose clocks disagree still agree on whether a lease ran out.
 * <p>
 * Every claim has a token of its own; a worker whose lease was taken over learns it at
 * the next heartbeat and stops, and whatever it still writes is ignored.
 */
@Component
class SifLeases implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SifLeases.class);

	private final JdbcClient jdbc;

	private final SifProperties properties;

	private final Map<Claim, Runnable> held = new ConcurrentHashMap<>();

	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "sif-lease");
		thread.setDaemon(true);
		return thread;
	});

	SifLeases(JdbcClient jdbc, SifProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
		long period = properties.heartbeat().toMillis();
		// a thread of its own: a long task on the shared scheduler must not delay a
		// renewal
		this.heartbeat.scheduleWithFixedDelay(this::renewAll, period, period, TimeUnit.MILLISECONDS);
	}

	/** The oldest queued builds, and builds whose worker stopped renewing its lease. */
	List<String> claimable(Instant now, int limit) {
		return this.jdbc.sql("""
				SELECT digest FROM sif_builds
				WHERE (status = 'QUEUED' AND queued_at <= ?) OR (status = 'BUILDING' AND lease_until < NOW(6))
				ORDER BY queued_at LIMIT ?""").params(Timestamp.from(now), limit).query(String.class).list();
	}

	/** Takes a build for this worker; empty if another worker was faster. */
	Optional<Claim> claim(String digest, Instant now) {
		String token = UUID.randomUUID().toString();
		boolean claimed = this.jdbc.sql("""
				UPDATE sif_builds SET status = 'BUILDING', progress = 0, attempts = attempts + 1, claim = ?,
				  lease_until = NOW(6) + INTERVAL ? MICROSECOND, started_at = ?, message = NULL, reason = NULL
				WHERE digest = ? AND (status = 'QUEUED' OR (status = 'BUILDING' AND lease_until < NOW(6)))""")
			.params(token, micros(), Timestamp.from(now), digest)
			.update() == 1;
		if (!claimed) {
			return Optional.empty();
		}
		String repository = this.jdbc.sql("SELECT repository FROM sif_builds WHERE digest = ?")
			.param(digest)
			.query(String.class)
			.single();
		return Optional.of(new Claim(digest, token, repository));
	}

	/**
	 * Renews the claim's lease from now on, until {@link #drop} or until it turns out
	 * lost, when {@code onLost} runs (on the heartbeat's thread).
	 */
	void hold(Claim claim, Runnable onLost) {
		this.held.put(claim, onLost);
	}

	/** Stops renewing: the build ended, or was stopped. */
	void drop(Claim claim) {
		this.held.remove(claim);
	}

	/** Gives a claimed build back to the queue (the instance is stopping). */
	void release(Claim claim) {
		drop(claim);
		this.jdbc.sql("""
				UPDATE sif_builds SET status = 'QUEUED', lease_until = NULL, claim = NULL
				WHERE digest = ? AND claim = ? AND status = 'BUILDING'""")
			.params(claim.digest(), claim.token())
			.update();
	}

	/** The claims whose builds still run somewhere, by token. */
	Set<String> liveClaims() {
		return Set.copyOf(this.jdbc.sql("SELECT claim FROM sif_builds WHERE status = 'BUILDING' AND claim IS NOT NULL")
			.query(String.class)
			.list());
	}

	void renewAll() {
		for (Map.Entry<Claim, Runnable> held : this.held.entrySet()) {
			Claim claim = held.getKey();
			try {
				// a claim dropped meanwhile ended normally: its row is no longer BUILDING
				if (!renew(claim) && this.held.remove(claim, held.getValue())) {
					log.warn("The SIF build of {} was taken over by another worker; stopping it here", claim.digest());
					held.getValue().run();
				}
			}
			catch (RuntimeException ex) {
				// the database may be back at the next beat, well before the lease runs
				// out
				log.warn("Could not renew the lease of the SIF build of {}: {}", claim.digest(), ex.getMessage());
			}
		}
	}

	private boolean renew(Claim claim) {
		return this.jdbc.sql("""
				UPDATE sif_builds SET lease_until = NOW(6) + INTERVAL ? MICROSECOND
				WHERE digest = ? AND claim = ? AND status = 'BUILDING'""")
			.params(micros(), claim.digest(), claim.token())
			.update() == 1;
	}

	private long micros() {
		return TimeUnit.NANOSECONDS.toMicros(this.properties.lease().toNanos());
	}

	@Override
	public void destroy() {
		this.heartbeat.shutdownNow();
	}

	/**
	 * One worker's hold on a build.
	 *
	 * @param repository the repository the build was queued from
	 */
	record Claim(String digest, String token, String repository) {
	}

}
