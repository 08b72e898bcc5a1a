package org.whalemountain.registry.token;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code registry_runner_credentials} table: at most one hash per user. */
@Repository
class RunnerCredentials {

	private final JdbcClient jdbc;

	RunnerCredentials(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores the hash as the user's only runner credential. Call inside a transaction.
	 * @return whether it replaced an earlier one
	 */
	boolean replace(String username, String hash, Instant now) {
		boolean replaced = hashOf(username).isPresent();
		// one upsert, not DELETE and INSERT: deleting a row that is not there locks the
		// gap around it, and two users getting their first credential at once deadlocked
		this.jdbc.sql("""
				INSERT INTO registry_runner_credentials (username, credential_hash, created_at)
				VALUES (?, ?, ?)
				ON DUPLICATE KEY UPDATE credential_hash = VALUES(credential_hash), created_at = VALUES(created_at),
				  last_used_at = NULL""").params(username, hash, Timestamp.from(now)).update();
		return replaced;
	}

	Optional<String> hashOf(String username) {
		return this.jdbc.sql("SELECT credential_hash FROM registry_runner_credentials WHERE username = ?")
			.param(username)
			.query(String.class)
			.optional();
	}

	void touch(String username, Instant usedAt) {
		this.jdbc.sql("UPDATE registry_runner_credentials SET last_used_at = ? WHERE username = ?")
			.params(Timestamp.from(usedAt), username)
			.update();
	}

	boolean delete(String username) {
		return this.jdbc.sql("DELETE FROM registry_runner_credentials WHERE username = ?").param(username).update() > 0;
	}

}
