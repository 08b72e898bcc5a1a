package org.whalemountain.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The users and groups table: what the directory said at each user's last login.
 */
@Repository
class UserMirror {

	private final JdbcClient jdbc;

	UserMirror(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts or refreshes the user and replaces their groups. Call inside a transaction.
	 */
	void save(UserPrincipal user, Instant now) {
		this.jdbc
			.sql("""
					INSERT INTO users (username, display_name, email, uid_number, gid_number, admin, first_login_at, last_login_at)
					VALUES (:username, :displayName, :email, :uid, :gid, :admin, :now, :now)
					ON DUPLICATE KEY UPDATE display_name = VALUES(display_name), email = VALUES(email),
					  uid_number = VALUES(uid_number), gid_number = VALUES(gid_number), admin = VALUES(admin),
					  last_login_at = VALUES(last_login_at)
					""")
			.param("username", user.username())
			.param("displayName", user.displayName())
			.param("email", user.email())
			.param("uid", user.uidNumber())
			.param("gid", user.gidNumber())
			.param("admin", user.admin())
			.param("now", Timestamp.from(now))
			.update();
		// touch only what changed: concurrent logins of one user (a script using Basic
		// auth)
		// otherwise deadlock on the gap locks of a delete-all-then-insert
		List<String> stored = groupsOf(user.username());
		for (String group : stored) {
			if (!user.groups().contains(group)) {
				this.jdbc.sql("DELETE FROM user_groups WHERE username = ? AND group_name = ?")
					.params(user.username(), group)
					.update();
			}
		}
		for (String group : user.groups()) {
			if (!stored.contains(group)) {
				this.jdbc.sql("INSERT IGNORE INTO user_groups (username, group_name) VALUES (?, ?)")
					.params(user.username(), group)
					.update();
			}
		}
	}

	Optional<UserPrincipal> find(String username) {
		return this.jdbc.sql("SELECT * FROM users WHERE username = ?")
			.param(username)
			.query((rs, row) -> principal(rs, groupsOf(rs.getString("username"))))
			.optional();
	}

	List<UserSummary> all() {
		return this.jdbc.sql("SELECT * FROM users ORDER BY username")
			.query((rs, row) -> new UserSummary(principal(rs, groupsOf(rs.getString("username"))),
					rs.getTimestamp("first_login_at").toInstant(), rs.getTimestamp("last_login_at").toInstant()))
			.list();
	}

	private List<String> groupsOf(String username) {
		return this.jdbc.sql("SELECT group_name FROM user_groups WHERE username = ? ORDER BY group_name")
			.param(username)
			.query(String.class)
			.list();
	}

	private static UserPrincipal principal(ResultSet rs, List<String> groups) throws SQLException {
		return new UserPrincipal(rs.getString("username"), rs.getString("display_name"), rs.getString("email"),
				rs.getObject("uid_number", Integer.class), rs.getObject("gid_number", Integer.class), groups,
				rs.getBoolean("admin"));
	}

}
