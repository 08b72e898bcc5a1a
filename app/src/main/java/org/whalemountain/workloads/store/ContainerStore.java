package org.whalemountain.workloads.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.workloads.engine.ContainerState;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code containers} table. Host ports live in {@link HostPorts}. A row's status is
 * the {@link ContainerState} the service last knew, in lower case: {@code pending} from
 * the reservation until the engine started the container, then {@code running}, or
 * {@code failed} or {@code gone}; the live state is the engine's.
 */
@Repository
public class ContainerStore {

	/** A row whose container vanished from the engine. */
	private static final String GONE = ContainerState.GONE.word();

	/** A launch not settled yet: its image being pulled, or its container being made. */
	private static final String PENDING = ContainerState.PENDING.word();

	/** A launch that failed after it was answered; see the message. */
	private static final String FAILED = ContainerState.FAILED.word();

	/** Longer reasons are cut to fit the column. */
	private static final int MESSAGE_LENGTH = 1024;

	private final JdbcClient jdbc;

	ContainerStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the owner's user row until the transaction ends, so that two launches of one
	 * user cannot both pass the quota check.
	 */
	public void lockOwner(String owner) {
		this.jdbc.sql("SELECT username FROM users WHERE username = ? FOR UPDATE").param(owner).query().listOfRows();
	}

	public int count(String owner) {
		return this.jdbc.sql("SELECT COUNT(*) FROM containers WHERE owner = ?")
			.param(owner)
			.query(Integer.class)
			.single();
	}

	public long memory(String owner) {
		// a failed launch holds nothing but its row, which the user deletes when read
		return this.jdbc.sql("SELECT COALESCE(SUM(memory_bytes), 0) FROM containers WHERE owner = ? AND status <> ?")
			.params(owner, FAILED)
			.query(Long.class)
			.single();
	}

	/** Who has a container of this name, if anybody. */
	public Optional<String> nameHolder(String name) {
		return this.jdbc.sql("SELECT owner FROM containers WHERE name = ?").param(name).query(String.class).optional();
	}

	public long insert(ContainerRecord row) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO containers (owner, name, image, engine, status, env_sealed, memory_bytes, created_at,
				    status_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(row.owner(), row.name(), row.image(), row.engine(), row.status().word(), row.envSealed(),
					row.memoryBytes(), Timestamp.from(row.createdAt()), Timestamp.from(row.createdAt()))
			.update(key);
		return key.getKey().longValue();
	}

	/**
	 * Records the engine's container for a row still being launched.
	 * @return {@code false} if the row was deleted or failed meanwhile
	 */
	public boolean updateEngineIds(long id, String containerId, String networkId, ContainerState status) {
		return this.jdbc.sql("""
				UPDATE containers SET container_id = ?, network_id = ?, status = ?
				WHERE id = ? AND container_id IS NULL AND status <> ?""")
			.params(containerId, networkId, status.word(), id, FAILED)
			.update() > 0;
	}

	/**
	 * Records how far the pull of a {@code pending} row got.
	 * @return {@code false} if the row is no longer pending (deleted, failed or started)
	 */
	public boolean recordPull(long id, int percent, String message, Instant now) {
		return this.jdbc
			.sql("UPDATE containers SET pull_percent = ?, pull_message = ?, status_at = ? WHERE id = ? AND status = ?")
			.params(percent, cut(message, 255), Timestamp.from(now), id, PENDING)
			.update() > 0;
	}

	/**
	 * Marks a launch that has no engine container {@code failed} with the reason, and
	 * frees its host ports, in one transaction: nobody reads a failed row that still
	 * holds ports.
	 * @return whether the row was marked (not deleted or settled meanwhile)
	 */
	@Transactional
	public boolean fail(long id, String reason, Instant now) {
		int marked = this.jdbc.sql("""
				UPDATE containers SET status = ?, message = ?, pull_percent = NULL, pull_message = NULL, status_at = ?
				WHERE id = ? AND container_id IS NULL AND status <> ?""")
			.params(FAILED, cut(reason, MESSAGE_LENGTH), Timestamp.from(now), id, FAILED)
			.update();
		if (marked > 0) {
			this.jdbc.sql("DELETE FROM host_ports WHERE container = ?").param(id).update();
		}
		return marked > 0;
	}

	/**
	 * Pending rows of this engine without a container whose progress last changed before
	 * {@code before}.
	 */
	public List<ContainerRecord> pendingSince(String engine, Instant before) {
		return this.jdbc
			.sql("SELECT * FROM containers WHERE engine = ? AND status = ? AND container_id IS NULL AND status_at < ?")
			.params(engine, PENDING, Timestamp.from(before))
			.query((rs, n) -> record(rs))
			.list();
	}

	public Optional<ContainerRecord> find(long id) {
		return this.jdbc.sql("SELECT * FROM containers WHERE id = ?").param(id).query((rs, n) -> record(rs)).optional();
	}

	public List<ContainerRecord> of(String owner) {
		return this.jdbc.sql("SELECT * FROM containers WHERE owner = ? ORDER BY id")
			.param(owner)
			.query((rs, n) -> record(rs))
			.list();
	}

	/** Rows the engine holds a container for, except those already {@code gone}. */
	public List<ContainerRecord> engineBacked(String engine) {
		return this.jdbc.sql("SELECT * FROM containers WHERE engine = ? AND container_id IS NOT NULL AND status <> ?")
			.params(engine, GONE)
			.query((rs, n) -> record(rs))
			.list();
	}

	/**
	 * Marks the row {@code gone} if it still points at this container and frees its host
	 * ports.
	 * @return whether the row was marked
	 */
	@Transactional
	public boolean markGone(long id, String containerId) {
		int marked = this.jdbc.sql("UPDATE containers SET status = ? WHERE id = ? AND container_id = ? AND status <> ?")
			.params(GONE, id, containerId, GONE)
			.update();
		if (marked > 0) {
			this.jdbc.sql("DELETE FROM host_ports WHERE container = ?").param(id).update();
		}
		return marked > 0;
	}

	/** Deletes the row; its host ports go with it (foreign key cascade). */
	public void delete(long id) {
		this.jdbc.sql("DELETE FROM containers WHERE id = ?").param(id).update();
	}

	private static ContainerRecord record(ResultSet rs) throws SQLException {
		return new ContainerRecord(rs.getLong("id"), rs.getString("owner"), rs.getString("name"), rs.getString("image"),
				rs.getString("engine"), rs.getString("container_id"), rs.getString("network_id"),
				ContainerState.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
				rs.getString("env_sealed"), rs.getLong("memory_bytes"), rs.getTimestamp("created_at").toInstant(),
				rs.getString("message"), rs.getObject("pull_percent", Integer.class), rs.getString("pull_message"));
	}

	private static String cut(String text, int length) {
		return (text == null || text.length() <= length) ? text : text.substring(0, length - 1) + "…";
	}

}
