package org.whalemountain.runners;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code runners} table, one row per user. */
@Repository
class RunnerStore {

	private final JdbcClient jdbc;

	RunnerStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<RunnerRecord> find(String username) {
		return this.jdbc.sql("SELECT * FROM runners WHERE username = ?")
			.param(username)
			.query((rs, row) -> record(rs))
			.optional();
	}

	List<RunnerRecord> all() {
		return this.jdbc.sql("SELECT * FROM runners ORDER BY username").query((rs, row) -> record(rs)).list();
	}

	void save(RunnerRecord runner) {
		this.jdbc.sql("""
				INSERT INTO runners (username, gitlab_url, project, gitlab_runner_id, created_by_service,
				  runner_token_sealed, registry_credential_sealed, credential_project_id, container_id, message,
				  created_at, updated_at)
				VALUES (:username, :gitlabUrl, :project, :runnerId, :byService, :token, :credential, :credentialProject,
				  :container, :message, :createdAt, :updatedAt)
				ON DUPLICATE KEY UPDATE gitlab_url = VALUES(gitlab_url), project = VALUES(project),
				  gitlab_runner_id = VALUES(gitlab_runner_id), created_by_service = VALUES(created_by_service),
				  runner_token_sealed = VALUES(runner_token_sealed),
				  registry_credential_sealed = VALUES(registry_credential_sealed),
				  credential_project_id = VALUES(credential_project_id),
				  container_id = VALUES(container_id), message = VALUES(message), created_at = VALUES(created_at),
				  updated_at = VALUES(updated_at)""")
			.param("username", runner.username())
			.param("gitlabUrl", runner.gitlabUrl())
			.param("project", runner.project())
			.param("runnerId", runner.gitlabRunnerId())
			.param("byService", runner.createdByService())
			.param("token", runner.runnerTokenSealed())
			.param("credential", runner.registryCredentialSealed())
			.param("credentialProject", runner.credentialProjectId())
			.param("container", runner.containerId())
			.param("message", runner.message())
			.param("createdAt", Timestamp.from(runner.createdAt()))
			.param("updatedAt", Timestamp.from(runner.updatedAt()))
			.update();
	}

	void delete(String username) {
		this.jdbc.sql("DELETE FROM runners WHERE username = ?").param(username).update();
	}

	private static RunnerRecord record(ResultSet rs) throws SQLException {
		return new RunnerRecord(rs.getString("username"), rs.getString("gitlab_url"), rs.getString("project"),
				rs.getObject("gitlab_runner_id", Long.class), rs.getBoolean("created_by_service"),
				rs.getString("runner_token_sealed"), rs.getString("registry_credential_sealed"),
				rs.getObject("credential_project_id", Long.class), rs.getString("container_id"),
				rs.getString("message"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

}
