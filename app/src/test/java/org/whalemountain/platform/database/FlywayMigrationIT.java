package org.whalemountain.platform.database;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations in sql/ applied by Flyway to the real MariaDB: the service's own
 * database, an empty one, and one holding data of the previous release, each scratch
 * database beside the test database ({@code <name>_flyway_…}).
 */
@ServiceTest
class FlywayMigrationIT {

	/**
	 * The newest migration of the previous release; {@code rows-of-v8.sql} is written for
	 * its schema. Move both on when a release adds migrations.
	 */
	static final String PREVIOUS_RELEASE = "8";

	@Autowired
	JdbcClient jdbc;

	@Value("${spring.datasource.url}")
	String url;

	@Value("${spring.datasource.username}")
	String username;

	@Value("${spring.datasource.password}")
	String password;

	private final List<TestDatabase> scratch = new ArrayList<>();

	@AfterEach
	void dropScratchDatabases() {
		this.scratch.forEach(TestDatabase::drop);
	}

	@Test
	void everyMigrationAppliedSuccessfully() {
		List<Boolean> results = this.jdbc.sql("SELECT success FROM flyway_schema_history WHERE version IS NOT NULL")
			.query(Boolean.class)
			.list();

		assertThat(results).isNotEmpty().containsOnly(true);
	}

	@Test
	void theTestDatabaseWasCreatedByThisRun() {
		long uptimeSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000 + 1;

		// the database's own clock on both sides, so that no time zone gets in between
		boolean createdSinceThisJvmStarted = this.jdbc.sql("""
				SELECT installed_on >= NOW(6) - INTERVAL ? SECOND FROM flyway_schema_history WHERE version = '1'""")
			.param(uptimeSeconds)
			.query(Boolean.class)
			.single();

		assertThat(createdSinceThisJvmStarted).as("migrated from nothing during this run (FreshTestDatabase)").isTrue();
	}

	@Test
	void schemaHasTheFoundationTables() {
		List<String> tables = this.jdbc
			.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")
			.query(String.class)
			.list();

		assertThat(tables).contains("users", "user_groups", "api_tokens", "audit_events", "EVENT_PUBLICATION");
	}

	@Test
	void anEmptyDatabaseMigratesToTheNewestVersion() throws IOException {
		TestDatabase database = scratch("flyway_empty");

		flyway(database, null).migrate();

		MigrationInfo[] applied = flyway(database, null).info().applied();
		assertThat(applied).extracting((info) -> info.getVersion().getVersion())
			.containsExactlyElementsOf(migrationVersions());
		assertThat(applied).allSatisfy((info) -> assertThat(info.getState().isFailed()).isFalse());
		assertThat(tables(jdbc(database))).contains("users", "images", "sif_builds", "containers", "host_ports");
	}

	@Test
	void dataOfThePreviousReleaseSurvivesTheUpgrade() throws IOException {
		TestDatabase database = scratch("flyway_upgrade");
		flyway(database, PREVIOUS_RELEASE).migrate();
		JdbcClient jdbc = jdbc(database);
		insertRowsOfThePreviousRelease(jdbc);
		Map<String, List<Map<String, Object>>> before = rows(jdbc);
		assertThat(before).as("a row in every table of the previous release").allSatisfy((table, rows) -> {
			if (!table.equals("flyway_schema_history")) {
				assertThat(rows).as(table).isNotEmpty();
			}
		});

		flyway(database, null).migrate();

		Map<String, List<Map<String, Object>>> after = rows(jdbc);
		before.forEach((table, rows) -> {
			if (!table.equals("flyway_schema_history")) {
				assertThat(after.get(table)).as(table).hasSameSizeAs(rows);
				assertThat(projected(after.get(table), rows)).as(table).isEqualTo(rows);
			}
		});
		// V9: pulls at launch; an existing container has no pull and its status dates
		// from
		// its creation
		List<Map<String, Object>> containers = jdbc.sql(
				"SELECT name, pull_percent, pull_message, status_at = created_at AS dated FROM containers ORDER BY name")
			.query()
			.listOfRows();
		assertThat(containers).hasSize(2).allSatisfy((row) -> {
			assertThat(row.get("pull_percent")).isNull();
			assertThat(row.get("pull_message")).isNull();
			assertThat(row.get("dated")).as("status_at = created_at").isIn(1, 1L, true);
		});
		// V12: a runner registered before keeps handing the registry password to its jobs
		// in their environment, since no project variable holds it
		assertThat(jdbc.sql("SELECT credential_project_id FROM runners").query().listOfRows()).isNotEmpty()
			.allSatisfy((row) -> assertThat(row.get("credential_project_id")).isNull());
		assertThat(flyway(database, null).info().pending()).isEmpty();
	}

	/**
	 * V13: statuses stored before in Docker's words or as launch steps read as the
	 * engine-neutral states the API shows.
	 */
	@Test
	void storedContainerStatusesBecomeTheNeutralStates() {
		TestDatabase database = scratch("flyway_states");
		flyway(database, "12").migrate();
		JdbcClient jdbc = jdbc(database);
		jdbc.sql("""
				INSERT INTO users (username, display_name, email, first_login_at, last_login_at)
				VALUES ('alice', 'Alice', 'a@x', NOW(), NOW())""").update();
		Map<String, String> expected = Map.of("pulling", "pending", "creating", "pending", "running", "running",
				"exited", "stopped", "failed", "failed", "gone", "gone", "missing", "gone", "dead", "failed");
		expected.keySet()
			.forEach((status) -> jdbc.sql("""
					INSERT INTO containers (owner, name, image, engine, status, env_sealed, memory_bytes, created_at,
					    status_at)
					VALUES ('alice', ?, 'i:1', 'docker', ?, 'v1:x', 0, NOW(), NOW())""")
				.params("alice-" + status, status)
				.update());

		flyway(database, null).migrate();

		expected.forEach((before,
				after) -> assertThat(jdbc.sql("SELECT status FROM containers WHERE name = ?")
					.param("alice-" + before)
					.query(String.class)
					.single()).as(before).isEqualTo(after));
	}

	private TestDatabase scratch(String suffix) {
		TestDatabase database = TestDatabase.of(this.url, this.username, this.password).scratch(suffix);
		this.scratch.add(database);
		database.recreate();
		return database;
	}

	/** Flyway as the service configures it, up to {@code target} (the newest if null). */
	private static Flyway flyway(TestDatabase database, String target) {
		return Flyway.configure()
			.dataSource(database.url(), database.username(), database.password())
			.locations("classpath:db/migration")
			.target((target != null) ? MigrationVersion.fromVersion(target) : MigrationVersion.LATEST)
			.load();
	}

	private static JdbcClient jdbc(TestDatabase database) {
		return JdbcClient.create(new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(), database.url(),
				database.username(), database.password()));
	}

	private static void insertRowsOfThePreviousRelease(JdbcClient jdbc) throws IOException {
		String script = new ClassPathResource("rows-of-v" + PREVIOUS_RELEASE + ".sql", FlywayMigrationIT.class)
			.getContentAsString(StandardCharsets.UTF_8);
		for (String statement : script.replaceAll("(?m)^--.*$", "").split(";\\s*\\n")) {
			if (!statement.isBlank()) {
				jdbc.sql(statement).update();
			}
		}
	}

	/** The versions of the migration files, oldest first. */
	private static List<String> migrationVersions() throws IOException {
		List<String> versions = new ArrayList<>();
		for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*.sql")) {
			versions.add(file.getFilename().substring(1, file.getFilename().indexOf("__")));
		}
		versions.sort(Comparator.comparing(MigrationVersion::fromVersion));
		return versions;
	}

	private static List<String> tables(JdbcClient jdbc) {
		return jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")
			.query(String.class)
			.list();
	}

	/** Every row of every table, in a stable order. */
	private static Map<String, List<Map<String, Object>>> rows(JdbcClient jdbc) {
		Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
		for (String table : tables(jdbc)) {
			List<Map<String, Object>> content = new ArrayList<>(
					jdbc.sql("SELECT * FROM `" + table + "`").query().listOfRows());
			content.sort(Comparator.comparing(Object::toString));
			rows.put(table, content);
		}
		return rows;
	}

	/** The rows with only the columns the earlier rows have. */
	private static List<Map<String, Object>> projected(List<Map<String, Object>> rows, List<Map<String, Object>> like) {
		List<Map<String, Object>> projected = new ArrayList<>();
		for (Map<String, Object> row : rows) {
			Map<String, Object> kept = new LinkedHashMap<>();
			like.get(0).keySet().forEach((column) -> kept.put(column, row.get(column)));
			projected.add(kept);
		}
		projected.sort(Comparator.comparing(Object::toString));
		return projected;
	}

}
