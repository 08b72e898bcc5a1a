package org.whalemountain.registry.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.whalemountain.registry.SyncRun;
import org.whalemountain.registry.SyncRunStatus;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.whalemountain.registry.SyncRunStatus.FAILED;
import static org.whalemountain.registry.SyncRunStatus.QUEUED;
import static org.whalemountain.registry.SyncRunStatus.RUNNING;
import static org.whalemountain.registry.SyncRunStatus.SUCCEEDED;

/** The {@code registry_sync_runs} table: every sync, queued, running or done. */
@Repository
public class SyncRuns {

	/** A queued run older than this was left behind by a replica that died. */
	static final Duration ABANDONED_AFTER = Duration.ofHours(1);

	/** The run keeps this many skipped entries; the rest are counted. */
	static final int MAX_SKIPPED = 500;

	private static final int MAX_ERROR = 2000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	SyncRuns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insertQueued(String id, String trigger, String requestedBy, SyncScope scope, Instant now) {
		this.jdbc
			.sql("""
					INSERT INTO registry_sync_runs (id, trigger_name, requested_by, scope_repositories, status, requested_at)
					VALUES (?, ?, ?, ?, ?, ?)""")
			.params(id, trigger, requestedBy, JSON.writeValueAsString(scope.repositories()), QUEUED.name(),
					Timestamp.from(now))
			.update();
	}

	/** Records a wider scope for a run that is still queued. */
	void widen(String id, SyncScope scope) {
		this.jdbc.sql("UPDATE registry_sync_runs SET scope_repositories = ? WHERE id = ? AND status = ?")
			.params(JSON.writeValueAsString(scope.repositories()), id, QUEUED.name())
			.update();
	}

	void markRunning(String id, Instant now) {
		this.jdbc.sql("UPDATE registry_sync_runs SET status = ?, started_at = ? WHERE id = ?")
			.params(RUNNING.name(), Timestamp.from(now), id)
			.update();
	}

	void succeed(String id, SyncResult result, Instant now) {
		this.jdbc.sql("""
				UPDATE registry_sync_runs SET status = ?, finished_at = ?, repositories = ?, tags_added = ?,
				    tags_changed = ?, tags_removed = ?, skipped = ? WHERE id = ?""")
			.params(SUCCEEDED.name(), Timestamp.from(now), result.repositories(), result.tagsAdded(),
					result.tagsChanged(), result.tagsRemoved(), JSON.writeValueAsString(bounded(result.skipped())), id)
			.update();
	}

	void fail(String id, String error, Instant now) {
		String bounded = (error.length() <= MAX_ERROR) ? error : error.substring(0, MAX_ERROR - 1) + "…";
		this.jdbc.sql("""
				UPDATE registry_sync_runs SET status = ?, started_at = COALESCE(started_at, ?), finished_at = ?,
				    error = ? WHERE id = ?""")
			.params(FAILED.name(), Timestamp.from(now), Timestamp.from(now), bounded, id)
			.update();
	}

	/**
	 * Fails the runs that nobody will finish: whoever holds the sync lock may call this,
	 * since then no other replica can be running one.
	 */
	int abandonStale(String except, Instant now) {
		return this.jdbc.sql("""
				UPDATE registry_sync_runs SET status = ?, finished_at = ?,
				    error = 'abandoned: the replica that ran or queued it stopped; a later sync caught up'
				WHERE id <> ? AND (status = ? OR (status = ? AND requested_at < ?))""")
			.params(FAILED.name(), Timestamp.from(now), except, RUNNING.name(), QUEUED.name(),
					Timestamp.from(now.minus(ABANDONED_AFTER)))
			.update();
	}

	/** The run with this id, queued, running or done. */
	public Optional<SyncRun> find(String id) {
		return this.jdbc.sql("SELECT * FROM registry_sync_runs WHERE id = ?").param(id).query(SyncRuns::row).optional();
	}

	/** The newest run by request time, finished or not. */
	public Optional<SyncRun> latest() {
		return this.jdbc.sql("SELECT * FROM registry_sync_runs ORDER BY requested_at DESC, id LIMIT 1")
			.query(SyncRuns::row)
			.optional();
	}

	private static List<String> bounded(List<String> skipped) {
		if (skipped.size() <= MAX_SKIPPED) {
			return skipped;
		}
		List<String> kept = new ArrayList<>(skipped.subList(0, MAX_SKIPPED));
		kept.add("… and " + (skipped.size() - MAX_SKIPPED) + " more");
		return kept;
	}

	private static SyncRun row(ResultSet rs, int row) throws SQLException {
		String skipped = rs.getString("skipped");
		return new SyncRun(rs.getString("id"), rs.getString("trigger_name"), rs.getString("requested_by"),
				SyncRunStatus.valueOf(rs.getString("status")), instant(rs.getTimestamp("started_at")),
				instant(rs.getTimestamp("finished_at")), rs.getInt("repositories"), rs.getInt("tags_added"),
				rs.getInt("tags_changed"), rs.getInt("tags_removed"),
				(skipped != null) ? JSON.readValue(skipped, new TypeReference<List<String>>() {
				}) : List.of(), rs.getString("error"));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
