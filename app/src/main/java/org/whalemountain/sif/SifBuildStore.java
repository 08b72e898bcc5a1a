package org.whalemountain.sif;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code sif_builds}: one row per digest. Results are recorded only under the claim that
 * built them ({@link SifLeases}).
 */
@Repository
class SifBuildStore {

	private final JdbcClient jdbc;

	SifBuildStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The user's builds that wait or run. A plain read, without locks: two requests at
	 * the same moment may both pass the cap, but never lock each other out.
	 */
	int waiting(String owner) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM sif_builds WHERE requested_by = ? AND status IN ('QUEUED', 'BUILDING')")
			.param(owner)
			.query(Integer.class)
			.single();
	}

	/** Queues a build for the digest unless one exists (a digest is built once). */
	boolean queue(SifRequest request, Instant now) {
		return this.jdbc.sql("""
				INSERT IGNORE INTO sif_builds (digest, repository, requested_by, status, queued_at)
				VALUES (?, ?, ?, 'QUEUED', ?)""")
			.params(request.digest(), request.repository(), request.owner(), ts(now))
			.update() == 1;
	}

	/**
	 * Records a build that was refused before it was queued, unless the digest has a
	 * build already.
	 */
	void refused(SifRequest request, BuildFailure failure, Instant now) {
		this.jdbc.sql("""
				INSERT IGNORE INTO sif_builds (digest, repository, requested_by, status, message, reason, queued_at,
				  finished_at)
				VALUES (?, ?, ?, 'FAILED', ?, ?, ?, ?)""")
			.params(request.digest(), request.repository(), request.owner(), failure.message(), failure.reason(),
					ts(now), ts(now))
			.update();
	}

	/**
	 * Puts a finished or failed build back in the queue, to be read from the request's
	 * repository and counted against its owner.
	 * @param onlyReason only a build that failed for this reason; {@code null} for any
	 */
	boolean requeue(SifRequest request, Instant now, String onlyReason) {
		return this.jdbc.sql("""
				UPDATE sif_builds SET status = 'QUEUED', repository = ?, requested_by = ?, progress = 0, message = NULL,
				  reason = NULL, attempts = 0, lease_until = NULL, claim = NULL, queued_at = ?, started_at = NULL,
				  finished_at = NULL
				WHERE digest = ? AND status IN ('READY', 'FAILED') AND (? IS NULL OR reason = ?)""")
			.params(request.repository(), request.owner(), ts(now), request.digest(), onlyReason, onlyReason)
			.update() == 1;
	}

	Optional<String> log(String digest) {
		return this.jdbc.sql("SELECT log FROM sif_builds WHERE digest = ? AND log IS NOT NULL")
			.param(digest)
			.query(String.class)
			.optional();
	}

	Optional<SifBuild> find(String digest) {
		return this.jdbc.sql("SELECT * FROM sif_builds WHERE digest = ?").param(digest).query(this::build).optional();
	}

	/**
	 * The build as last committed, even inside a transaction whose snapshot is older: a
	 * request that found the row inserted meanwhile by another one must see it.
	 */
	Optional<SifBuild> findCommitted(String digest) {
		return this.jdbc.sql("SELECT * FROM sif_builds WHERE digest = ? LOCK IN SHARE MODE")
			.param(digest)
			.query(this::build)
			.optional();
	}

	void progress(SifLeases.Claim claim, int percent) {
		this.jdbc.sql("UPDATE sif_builds SET progress = ? WHERE digest = ? AND claim = ? AND status = 'BUILDING'")
			.params(percent, claim.digest(), claim.token())
			.update();
	}

	/**
	 * @return false if the claim was taken over meanwhile and nothing was recorded
	 */
	boolean ready(SifLeases.Claim claim, long size, String sha256, String message, String log, Instant now) {
		return this.jdbc.sql("""
				UPDATE sif_builds SET status = 'READY', progress = 100, size_bytes = ?, sha256 = ?, message = ?,
				  reason = NULL, log = ?, lease_until = NULL, claim = NULL, finished_at = ?
				WHERE digest = ? AND claim = ? AND status = 'BUILDING'""")
			.params(size, sha256, message, log, ts(now), claim.digest(), claim.token())
			.update() == 1;
	}

	/**
	 * Records a failed attempt: back in the queue at {@code retryAt} when {@code retry},
	 * FAILED otherwise.
	 */
	void failed(SifLeases.Claim claim, BuildFailure failure, String log, boolean retry, Instant now, Instant retryAt) {
		String status = retry ? "QUEUED" : "FAILED";
		this.jdbc.sql("""
				UPDATE sif_builds SET status = ?, message = ?, reason = ?, log = ?, lease_until = NULL, claim = NULL,
				  finished_at = ?, queued_at = IF(? = 'QUEUED', ?, queued_at)
				WHERE digest = ? AND claim = ? AND status = 'BUILDING'""")
			.params(status, failure.message(), failure.reason(), log, ts(now), status, ts(retryAt), claim.digest(),
					claim.token())
			.update();
	}

	/**
	 * Builds no tag points at any more, finished before {@code before}, and whose last
	 * tag left before then too: the grace counts from the last tag leaving, however long
	 * ago the build finished.
	 */
	List<String> unreferenced(Instant before) {
		return this.jdbc.sql("""
				SELECT b.digest FROM sif_builds b
				WHERE NOT EXISTS (SELECT 1 FROM sif_references r WHERE r.digest = b.digest)
				  AND b.status IN ('READY', 'FAILED') AND b.finished_at < ?
				  AND (b.last_referenced_at IS NULL OR b.last_referenced_at < ?)""")
			.params(ts(before), ts(before))
			.query(String.class)
			.list();
	}

	void delete(String digest) {
		this.jdbc.sql("DELETE FROM sif_builds WHERE digest = ?").param(digest).update();
	}

	private SifBuild build(ResultSet rs, int row) throws SQLException {
		return new SifBuild(rs.getString("digest"), rs.getString("repository"),
				SifStatus.valueOf(rs.getString("status")), rs.getInt("progress"),
				rs.getObject("size_bytes", Long.class), rs.getString("sha256"), rs.getString("message"),
				rs.getString("reason"), rs.getInt("attempts"), instant(rs, "queued_at"), instant(rs, "started_at"),
				instant(rs, "finished_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

}
