package org.whalemountain.identity.tokens;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.whalemountain.identity.PersonalAccessToken;

/** The {@code api_tokens} table. Every query that takes an id also takes the owner. */
@Repository
public class TokenStore {

	private final JdbcClient jdbc;

	TokenStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public PersonalAccessToken insert(String username, String name, String hash, Instant createdAt, Instant expiresAt) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO api_tokens (username, name, token_hash, created_at, expires_at)
				VALUES (?, ?, ?, ?, ?)""")
			.params(username, name, hash, Timestamp.from(createdAt), Timestamp.from(expiresAt))
			.update(key, "id");
		return new PersonalAccessToken(key.getKey().longValue(), name, createdAt, expiresAt, null);
	}

	public List<PersonalAccessToken> ownedBy(String username) {
		return this.jdbc.sql("SELECT * FROM api_tokens WHERE username = ? ORDER BY created_at DESC, id DESC")
			.param(username)
			.query((rs, row) -> token(rs))
			.list();
	}

	public Optional<PersonalAccessToken> find(String username, long id) {
		return this.jdbc.sql("SELECT * FROM api_tokens WHERE username = ? AND id = ?")
			.params(username, id)
			.query((rs, row) -> token(rs))
			.optional();
	}

	public boolean delete(String username, long id) {
		return this.jdbc.sql("DELETE FROM api_tokens WHERE username = ? AND id = ?").params(username, id).update() == 1;
	}

	/** The owner and expiry of the token with this hash. */
	public Optional<Owner> ownerOf(String hash) {
		return this.jdbc.sql("SELECT id, username, expires_at FROM api_tokens WHERE token_hash = ?")
			.param(hash)
			.query((rs, row) -> new Owner(rs.getLong("id"), rs.getString("username"),
					rs.getTimestamp("expires_at").toInstant()))
			.optional();
	}

	public void touch(long id, Instant usedAt) {
		this.jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
			.params(Timestamp.from(usedAt), id)
			.update();
	}

	private static PersonalAccessToken token(ResultSet rs) throws SQLException {
		Timestamp lastUsed = rs.getTimestamp("last_used_at");
		return new PersonalAccessToken(rs.getLong("id"), rs.getString("name"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
				(lastUsed != null) ? lastUsed.toInstant() : null);
	}

	/** Who a token belongs to and until when. */
	public record Owner(long tokenId, String username, Instant expiresAt) {
	}

}
