package org.whalemountain.registry.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.whalemountain.identity.Identity;
import org.whalemountain.registry.RegistryClient;
import org.whalemountain.registry.SyncRun;
import org.whalemountain.registry.SyncRunStatus;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas against one database, each with its own locks, queue and schedule (as two
 * service instances have): one scheduled sync per interval, and never two syncs at once.
 */
@ServiceTest
class SyncAcrossReplicasIT {

	@Autowired
	DataSource dataSource;

	@Autowired
	RegistryClient client;

	@Autowired
	Identity identity;

	@Autowired
	SyncApplier applier;

	@Autowired
	RegistryTags tags;

	@Autowired
	SyncRuns runs;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Clock clock;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void noReplicaHadItsTurnYet() {
		this.jdbc.sql("DELETE FROM shedlock WHERE name = ?").param(SyncLocks.SCHEDULE).update();
	}

	@Test
	void twoReplicasTickingInTheSameIntervalRunOneScheduledSync() throws Exception {
		long before = scheduledRuns();
		try (Replica first = new Replica(); Replica second = new Replica()) {
			CyclicBarrier together = new CyclicBarrier(2);
			CompletableFuture<Void> one = CompletableFuture.runAsync(() -> first.tickWhen(together));
			CompletableFuture<Void> other = CompletableFuture.runAsync(() -> second.tickWhen(together));
			CompletableFuture.allOf(one, other).get();
			// later ticks in the same interval, from either replica, find the turn taken
			first.scheduler.tick();
			second.scheduler.tick();

			await().atMost(Duration.ofSeconds(30)).until(() -> unfinished("schedule") == 0);
			assertThat(scheduledRuns() - before).isEqualTo(1);
		}
	}

	@Test
	void syncsAskedForOnTwoReplicasNeverRunAtOnce() throws Exception {
		List<String> ids = new ArrayList<>();
		try (Replica first = new Replica(); Replica second = new Replica()) {
			for (int i = 0; i < 3; i++) {
				ids.add(first.queue.request("manual", null, SyncScope.FULL, null).id());
				ids.add(second.queue.request("manual", null, SyncScope.FULL, null).id());
				ids.add(second.queue.request("notification", null, SyncScope.of(List.of("alice/x")), null).id());
			}
			await().atMost(Duration.ofSeconds(60))
				.until(() -> ids.stream()
					.map(this.runs::find)
					.allMatch((run) -> run.orElseThrow().finishedAt() != null));
		}
		List<SyncRun> done = ids.stream()
			.distinct()
			.map((id) -> this.runs.find(id).orElseThrow())
			.sorted(Comparator.comparing(SyncRun::startedAt))
			.toList();
		assertThat(done).allSatisfy((run) -> assertThat(run.status()).isEqualTo(SyncRunStatus.SUCCEEDED));
		for (int i = 1; i < done.size(); i++) {
			Instant previousEnd = done.get(i - 1).finishedAt();
			assertThat(done.get(i).startedAt()).as("run %d started after run %d finished", i, i - 1)
				.isAfterOrEqualTo(previousEnd);
		}
	}

	private long scheduledRuns() {
		return this.jdbc.sql("SELECT COUNT(*) FROM registry_sync_runs WHERE trigger_name = 'schedule'")
			.query(Long.class)
			.single();
	}

	private long unfinished(String trigger) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM registry_sync_runs WHERE trigger_name = ? AND status IN ('QUEUED', 'RUNNING')")
			.param(trigger)
			.query(Long.class)
			.single();
	}

	/**
	 * What one service instance has of the sync: its own locks, scan pool, queue and
	 * tick.
	 */
	private final class Replica implements AutoCloseable {

		final SyncLocks locks = new SyncLocks(SyncAcrossReplicasIT.this.dataSource);

		final RegistryScan scan = new RegistryScan(SyncAcrossReplicasIT.this.client, SyncAcrossReplicasIT.this.identity,
				4, SyncAcrossReplicasIT.this.clock);

		final SyncQueue queue = new SyncQueue(this.locks,
				new TagSync(this.scan, SyncAcrossReplicasIT.this.applier, SyncAcrossReplicasIT.this.tags,
						SyncAcrossReplicasIT.this.runs, SyncAcrossReplicasIT.this.clock),
				SyncAcrossReplicasIT.this.runs, SyncAcrossReplicasIT.this.events,
				SyncAcrossReplicasIT.this.transactions, SyncAcrossReplicasIT.this.clock);

		final SyncScheduler scheduler = new SyncScheduler(this.queue, this.locks, Duration.ofMinutes(1));

		void tickWhen(CyclicBarrier together) {
			try {
				together.await();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			this.scheduler.tick();
		}

		@Override
		public void close() throws InterruptedException {
			this.queue.close();
			this.scan.close();
			this.locks.close();
		}

	}

}
