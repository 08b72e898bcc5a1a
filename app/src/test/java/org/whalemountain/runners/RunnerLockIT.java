package org.whalemountain.runners;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.platform.ConflictException;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The runner lock on the real MariaDB: one change per user at a time, without holding a
 * pooled connection while the change runs, and a lease that a replica which died cannot
 * hold for ever.
 */
@ServiceTest
class RunnerLockIT {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	@BeforeEach
	void noLeases() {
		this.jdbc.sql("DELETE FROM runner_locks WHERE name LIKE 'lock-test-%'").update();
	}

	@Test
	void theChangeHasThePoolToItselfWhileTheLockIsHeld() {
		try (HikariDataSource poolOfOne = poolOfOne(); RunnerLock lock = new RunnerLock(poolOfOne)) {
			JdbcClient jdbc = JdbcClient.create(poolOfOne);

			Integer answer = lock.exclusively("lock-test-alice",
					() -> jdbc.sql("SELECT 1").query(Integer.class).single());

			assertThat(answer).isEqualTo(1);
		}
	}

	@Test
	void aSecondChangeOfTheSameUserConflictsAtOnceAndAnotherUsersDoesNot() throws Exception {
		try (RunnerLock lock = new RunnerLock(this.dataSource);
				RunnerLock otherReplica = new RunnerLock(this.dataSource)) {
			CountDownLatch holding = new CountDownLatch(1);
			CountDownLatch done = new CountDownLatch(1);
			CompletableFuture<String> first = CompletableFuture
				.supplyAsync(() -> lock.exclusively("lock-test-bob", () -> {
					holding.countDown();
					awaitQuietly(done);
					return "first";
				}));
			assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

			assertThatExceptionOfType(ConflictException.class)
				.isThrownBy(() -> otherReplica.exclusively("lock-test-bob", () -> "second"))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo("runner-change-in-progress"));
			assertThat(otherReplica.exclusively("lock-test-carol", () -> "carol")).isEqualTo("carol");

			done.countDown();
			assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
			assertThat(otherReplica.exclusively("lock-test-bob", () -> "after")).isEqualTo("after");
		}
	}

	@Test
	void theLeaseOfAReplicaThatDiedIsTakenOverOnceItRunsOut() {
		this.jdbc.sql("""
				INSERT INTO runner_locks (name, lock_until, locked_at, locked_by)
				VALUES ('lock-test-dead', NOW(3) - INTERVAL 1 SECOND, NOW(3) - INTERVAL 61 SECOND, 'a-dead-replica'),
				       ('lock-test-live', NOW(3) + INTERVAL 1 MINUTE, NOW(3), 'a-live-replica')""").update();

		try (RunnerLock lock = new RunnerLock(this.dataSource)) {
			assertThat(lock.exclusively("lock-test-dead", () -> "taken over")).isEqualTo("taken over");
			assertThatExceptionOfType(ConflictException.class)
				.isThrownBy(() -> lock.exclusively("lock-test-live", () -> "never"));
		}
	}

	private HikariDataSource poolOfOne() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(this.environment.getRequiredProperty("spring.datasource.url"));
		pool.setUsername(this.environment.getProperty("spring.datasource.username"));
		pool.setPassword(this.environment.getProperty("spring.datasource.password"));
		pool.setMaximumPoolSize(1);
		// a pool pinned by the lock fails here instead of after Hikari's default 30 s
		pool.setConnectionTimeout(2000);
		return pool;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
