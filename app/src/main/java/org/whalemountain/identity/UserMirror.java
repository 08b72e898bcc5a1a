package org.whalemountain.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The users and groups table: what the directory said at each user's last login.
 */
@Repository
class UserMirror {

	private static final Logger log = LoggerFactory.getLogger(UserMirror.class);

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
		replaceGroups(user.username(), user.groups());
	}

	/**
	 * Brings a mirrored user's groups and admin flag to what the directory says now,
	 * keeping the rest of their last login. Call inside a transaction.
	 * @return whether anything changed; false too for a user who never logged in
	 */
	boolean updateMembership(String username, List<String> groups, boolean admin) {
		Optional<UserPrincipal> mirrored = find(username);
		if (mirrored.isEmpty() || (mirrored.get().admin() == admin
				&& new HashSet<>(mirrored.get().groups()).equals(new HashSet<>(groups)))) {
			return false;
		}
		this.jdbc.sql("UPDATE users SET admin = ? WHERE username = ?").params(admin, username).update();
		replaceGroups(username, groups);
		log.info("The directory changed {}'s groups from {} to {}{}", username, mirrored.get().groups(), groups,
				(admin != mirrored.get().admin()) ? (admin ? "; now an admin" : "; no longer an admin") : "");
		return true;
	}

	private void replaceGroups(String username, List<String> groups) {
		// touch only what changed: concurrent logins of one user (a script using Basic
		// auth) otherwise deadlock on the gap locks of a delete-all-then-insert
		List<String> stored = groupsOf(username);
		for (String group : stored) {
			if (!groups.contains(group)) {
				this.jdbc.sql("DELETE FROM user_groups WHERE username = ? AND group_name = ?")
					.params(username, group)
					.update();
			}
		}
		for (String group : groups) {
			if (!stored.contains(group)) {
				this.jdbc.sql("INSERT IGNORE INTO user_groups (username, group_name) VALUES (?, ?)")
					.params(username, group)
					.update();
			}
		}
	}

	/*
	 * The groups are read after the user row, never from inside its row mapper: outside a
	 * transaction each query takes its own pooled connection, and a mapper that queries
	 * holds one while asking for a second. Under a burst of bearer-token requests every
	 * connection of the pool then waits for another, until the pool's timeout.
	 */

	Optional<UserPrincipal> find(String username) {
		return this.jdbc.sql("SELECT * FROM users WHERE username = ?")
			.param(username)
			.query((rs, row) -> principal(rs, List.of()))
			.optional()
			.map((user) -> withGroups(user, groupsOf(username)));
	}

	List<UserSummary> all() {
		List<UserSummary> users = this.jdbc.sql("SELECT * FROM users ORDER BY username")
			.query((rs, row) -> new UserSummary(principal(rs, List.of()), rs.getTimestamp("first_login_at").toInstant(),
					rs.getTimestamp("last_login_at").toInstant()))
			.list();
		Map<String, List<String>> groups = new HashMap<>();
		this.jdbc.sql("SELECT username, group_name FROM user_groups ORDER BY username, group_name")
			.query((rs, row) -> groups.computeIfAbsent(rs.getString(1), (key) -> new ArrayList<>())
				.add(rs.getString(2)))
			.list();
		return users.stream()
			.map((summary) -> new UserSummary(
					withGroups(summary.user(), groups.getOrDefault(summary.user().username(), List.of())),
					summary.firstLoginAt(), summary.lastLoginAt()))
			.toList();
	}

	private static UserPrincipal withGroups(UserPrincipal user, List<String> groups) {
		return new UserPrincipal(user.username(), user.displayName(), user.email(), user.uidNumber(), user.gidNumber(),
				groups, user.admin());
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
