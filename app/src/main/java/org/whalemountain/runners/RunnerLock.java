package org.whalemountain.runners;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.whalemountain.platform.ConflictException;

/**
 * One change to a user's runner at a time, across every replica: a MariaDB named lock
 * held on its own connection for the length of the change. A second request while one
 * runs gets a conflict at once instead of racing it to a second container.
 */
@Component
class RunnerLock {

	private final DataSource dataSource;

	RunnerLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	<T> T exclusively(String username, Supplier<T> change) {
		// named locks are per server, not per database: the schema name keeps two
		// deployments apart
		String name = ":wm-runner:" + username;
		try (Connection connection = this.dataSource.getConnection()) {
			if (!acquire(connection, name)) {
				throw new ConflictException("runner-change-in-progress",
						"Another change to your runner is under way. Wait until it finishes, then look at its status.");
			}
			try {
				return change.get();
			}
			finally {
				release(connection, name);
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Could not lock the runner of " + username, ex);
		}
	}

	private static boolean acquire(Connection connection, String name) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK(CONCAT(DATABASE(), ?), 0)")) {
			lock.setString(1, name);
			try (ResultSet result = lock.executeQuery()) {
				return result.next() && result.getInt(1) == 1;
			}
		}
	}

	private static void release(Connection connection, String name) throws SQLException {
		try (PreparedStatement unlock = connection.prepareStatement("SELECT RELEASE_LOCK(CONCAT(DATABASE(), ?))")) {
			unlock.setString(1, name);
			unlock.executeQuery().close();
		}
	}

}
