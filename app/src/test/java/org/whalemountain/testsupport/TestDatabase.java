package org.whalemountain.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of the tests on the real MariaDB, handled from outside the service: emptied
 * at the start of a run, and scratch databases beside it for tests that need a schema of
 * their own. The test account needs every privilege on the database (which includes
 * dropping and creating it) and, for scratch databases, on {@code <name>_%}.
 */
public final class TestDatabase {

	private static final Pattern URL = Pattern.compile("(jdbc:mariadb://[^/?]+/)([A-Za-z0-9_]+)(\\?.*)?");

	private final String server;

	private final String name;

	private final String parameters;

	private final String username;

	private final String password;

	private TestDatabase(String server, String name, String parameters, String username, String password) {
		this.server = server;
		this.name = name;
		this.parameters = parameters;
		this.username = username;
		this.password = password;
	}

	/**
	 * @param url a MariaDB JDBC URL naming one database,
	 * {@code jdbc:mariadb://host:port/name?…}
	 */
	public static TestDatabase of(String url, String username, String password) {
		Matcher matcher = URL.matcher(url);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a MariaDB URL with one host and a database name: " + url);
		}
		return new TestDatabase(matcher.group(1), matcher.group(2), (matcher.group(3) != null) ? matcher.group(3) : "",
				username, password);
	}

	public String name() {
		return this.name;
	}

	public String url() {
		return this.server + this.name + this.parameters;
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

	/** {@code <name>_<suffix>} on the same server, with the same account; not created. */
	public TestDatabase scratch(String suffix) {
		return new TestDatabase(this.server, this.name + "_" + suffix, this.parameters, this.username, this.password);
	}

	/**
	 * Drops the database with everything in it and creates it empty, with the character
	 * set and collation it had (utf8mb4 if it did not exist).
	 */
	public void recreate() {
		try (Connection connection = connectToServer(); Statement statement = connection.createStatement()) {
			String[] charset = charset(connection);
			statement.execute("DROP DATABASE IF EXISTS `" + this.name + "`");
			statement
				.execute("CREATE DATABASE `" + this.name + "` CHARACTER SET " + charset[0] + " COLLATE " + charset[1]);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"Could not drop and create the test database " + this.name + " as " + this.username
							+ ", which needs ALL PRIVILEGES on it (scripts/test grants them): " + ex.getMessage(),
					ex);
		}
	}

	public void drop() {
		try (Connection connection = connectToServer(); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS `" + this.name + "`");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop the test database " + this.name + ": " + ex.getMessage(),
					ex);
		}
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), this.username, this.password);
	}

	private Connection connectToServer() throws SQLException {
		return DriverManager.getConnection(this.server + this.parameters, this.username, this.password);
	}

	private String[] charset(Connection connection) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("""
				SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA
				WHERE SCHEMA_NAME = ?""")) {
			query.setString(1, this.name);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next() ? new String[] { rows.getString(1), rows.getString(2) }
						: new String[] { "utf8mb4", "utf8mb4_unicode_ci" };
			}
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
