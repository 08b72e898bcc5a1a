package org.whalemountain.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Inserts into and reads {@code audit_events}; the table refuses updates and deletes. */
@Repository
class AuditStore {

	private static final int MAX_DETAIL = 1024;

	private final JdbcClient jdbc;

	AuditStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void append(Instant at, String actor, String action, String target, String sourceAddress, String detail) {
		this.jdbc.sql("""
				INSERT INTO audit_events (occurred_at, actor, action, target, source_address, detail)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(Timestamp.from(at), shorten(actor, 128), action, shorten(target, 255), shorten(sourceAddress, 64),
					shorten(detail, MAX_DETAIL))
			.update();
	}

	List<AuditEntry> latest(int limit, String actor) {
		return this.jdbc.sql("""
				SELECT * FROM audit_events WHERE (:actor IS NULL OR actor = :actor)
				ORDER BY occurred_at DESC, id DESC LIMIT :limit""")
			.param("actor", actor)
			.param("limit", limit)
			.query((rs, row) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
					rs.getString("actor"), rs.getString("action"), rs.getString("target"),
					rs.getString("source_address"), rs.getString("detail")))
			.list();
	}

	private static String shorten(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max - 1) + "…";
	}

}
