package org.whalemountain.platform.database;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The migrations in sql/ applied by Flyway to the real MariaDB. */
@ServiceTest
class FlywayMigrationIT {

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyMigrationAppliedSuccessfully() {
		List<Boolean> results = this.jdbc.sql("SELECT success FROM flyway_schema_history WHERE version IS NOT NULL")
			.query(Boolean.class)
			.list();

		assertThat(results).isNotEmpty().containsOnly(true);
	}

	@Test
	void schemaHasTheFoundationTables() {
		List<String> tables = this.jdbc
			.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")
			.query(String.class)
			.list();

		assertThat(tables).contains("users", "user_groups", "api_tokens", "audit_events", "EVENT_PUBLICATION");
	}

}
