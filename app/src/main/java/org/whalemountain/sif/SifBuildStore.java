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
 * {@code sif_builds} and {@code sif_references}. Claims are atomic, so two workers never
 * take one build.
 */
@Repository
class SifBuildStore {

	private final JdbcClient jdbc;

	SifBuildStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Queues a build for the digest unless one exists (a digest is built once). */
	boolean queue(String digest, String repository, Instant now) {
		return this.jdbc.sql("""
				INSERT IGNORE INTO sif_builds (digest, repository, status, queued_at) VALUES (?, ?, 'QUEUED', ?)""")
			.params(digest, repository, ts(now))
			.update() == 1;
	}

	/** Puts a finished or failed build back in the queue. */
	boolean requeue(String digest, Instant now) {
		return this.jdbc.sql("""
				UPDATE sif_builds SET status = 'QUEUED', progress = 0, message = NULL, attempts = 0, lease_until = NULL,
				  queued_at = ?, started_at = NULL, finished_at = NULL
				WHERE digest = ? AND status IN ('READY', 'FAILED')""").params(ts(now), digest).update() == 1;
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

	/** The oldest queued builds, and builds whose worker stopped renewing its lease. */
	List<String> claimable(Instant now, int limit) {
		return this.jdbc.sql("""
				SELECT digest FROM sif_builds
				WHERE (status = 'QUEUED' AND queued_at <= ?) OR (status = 'BUILDING' AND lease_until < ?)
				ORDER BY queued_at LIMIT ?""").params(ts(now), ts(now), limit).query(String.class).list();
	}

	/** Takes a build for this worker; false if another worker was faster. */
	boolean claim(String digest, Instant now, Instant leaseUntil) {
		return this.jdbc.sql("""
				UPDATE sif_builds SET status = 'BUILDING', progress = 0, attempts = attempts + 1, lease_until = ?,
				  started_at = ?, message = NULL
				WHERE digest = ? AND (status = 'QUEUED' OR (status = 'BUILDING' AND lease_until < ?))""")
			.params(ts(leaseUntil), ts(now), digest, ts(now))
			.update() == 1;
	}

	/** Gives a claimed build back to the queue (the instance is stopping). */
	void release(String digest) {
		this.jdbc
			.sql("UPDATE sif_builds SET status = 'QUEUED', lease_until = NULL WHERE digest = ? AND status = 'BUILDING'")
			.param(digest)
			.update();
	}

	void progress(String digest, int percent, Instant leaseUntil) {
		this.jdbc.sql("UPDATE sif_builds SET progress = ?, lease_until = ? WHERE digest = ? AND status = 'BUILDING'")
			.params(percent, ts(leaseUntil), digest)
			.update();
	}

	void ready(String digest, long size, String sha256, String message, String log, Instant now) {
		this.jdbc
			.sql("""
					UPDATE sif_builds SET status = 'READY', progress = 100, size_bytes = ?, sha256 = ?, message = ?, log = ?,
					  lease_until = NULL, finished_at = ? WHERE digest = ?""")
			.params(size, sha256, message, log, ts(now), digest)
			.update();
	}

	/**
	 * Records a failed attempt: back in the queue while attempts remain, FAILED
	 * otherwise.
	 */
	void failed(String digest, String message, String log, boolean retry, Instant now, Instant retryAt) {
		this.jdbc.sql("""
					UPDATE sif_builds SET status = ?, message = ?, log = ?, lease_until = NULL, finished_at = ?,
				  queued_at = IF(? = 'QUEUED', ?, queued_at)
				WHERE digest = ?""")
			.params(retry ? "QUEUED" : "FAILED", message, log, ts(now), retry ? "QUEUED" : "FAILED", ts(retryAt),
					digest)
			.update();
	}

	void reference(String repository, String tag, String digest, Instant now) {
		unreference(repository, tag, now);
		this.jdbc.sql("""
				INSERT INTO sif_references (repository, tag, digest) VALUES (?, ?, ?)
				ON DUPLICATE KEY UPDATE digest = VALUES(digest)""").params(repository, tag, digest).update();
	}

	/** Drops the tag's reference and notes when its digest was last pointed at. */
	void unreference(String repository, String tag, Instant now) {
		this.jdbc.sql("""
				UPDATE sif_builds SET last_referenced_at = ?
				WHERE digest = (SELECT digest FROM sif_references WHERE repository = ? AND tag = ?)""")
			.params(ts(now), repository, tag)
			.update();
		this.jdbc.sql("DELETE FROM sif_references WHERE repository = ? AND tag = ?").params(repository, tag).update();
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
				rs.getInt("attempts"), instant(rs, "queued_at"), instant(rs, "started_at"), instant(rs, "finished_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

}
