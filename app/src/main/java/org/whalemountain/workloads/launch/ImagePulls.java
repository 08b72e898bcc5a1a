package org.whalemountain.workloads.launch;

import org.whalemountain.workloads.WorkloadsProperties;
import org.whalemountain.workloads.engine.PullProgress;
import org.whalemountain.workloads.engine.RegistryCredentials;
import org.whalemountain.workloads.store.ContainerStore;
import org.whalemountain.workloads.store.ContainerRecord;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Finishes launches whose image the engine lacks, in the background: the engine pulls the
 * image and runs the container while the row stays {@code pending} with the pull's
 * progress, then the row is {@code running}, or {@code failed} with the reason and its
 * host ports freed. At most {@code wm.workloads.pull.threads} pulls run at once; the
 * others wait in line, which the per-user container quota keeps short.
 */
@Component
public class ImagePulls {

	private static final Logger log = LoggerFactory.getLogger(ImagePulls.class);

	/** Progress is written at most this often, not for every report of every layer. */
	private static final long WRITE_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	private final ContainerStore store;

	private final LaunchSteps launcher;

	private final Clock clock;

	private final ExecutorService workers;

	private volatile boolean stopping;

	/** Rows this instance is pulling or about to: never stale, however long they wait. */
	private final Set<Long> active = ConcurrentHashMap.newKeySet();

	ImagePulls(ContainerStore store, LaunchSteps launcher, WorkloadsProperties properties, Clock clock) {
		this.store = store;
		this.launcher = launcher;
		this.clock = clock;
		int threads = properties.pull().threads();
		AtomicInteger number = new AtomicInteger();
		this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, "wm-pull-" + number.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	/**
	 * Queues the run of a row reserved as {@code pending}; returns at once.
	 */
	void submit(ContainerRecord row, LaunchPlan plan, RegistryCredentials credentials) {
		this.active.add(row.id());
		try {
			this.workers.execute(() -> pullAndRun(row, plan, credentials));
		}
		catch (RuntimeException ex) {
			this.active.remove(row.id());
			this.store.fail(row.id(), "The service is shutting down; launch again.", this.clock.instant());
		}
	}

	/** Whether this instance still works on the row. */
	public boolean isActive(long rowId) {
		return this.active.contains(rowId);
	}

	/**
	 * Cuts running pulls short and lets them mark their rows failed while the database is
	 * still there; a pull that cannot (the process is killed) leaves a pulling row, which
	 * the reconciler fails once stale.
	 */
	@PreDestroy
	void stop() throws InterruptedException {
		this.stopping = true;
		this.workers.shutdownNow();
		this.workers.awaitTermination(5, TimeUnit.SECONDS);
	}

	/**
	 * The end of a pull is always written: the engine's last words stay on the row, what
	 * an operator asks about later. A row deleted meanwhile calls the run off there,
	 * before the engine makes anything.
	 */
	private void record(ContainerRecord row, PullProgress progress, long[] lastWrite) {
		if (progress.percent() == 100) {
			if (!this.store.recordPull(row.id(), 100, progress.message(), this.clock.instant())) {
				throw new RowGone();
			}
		}
		else if (System.nanoTime() - lastWrite[0] >= WRITE_EVERY_NANOS) {
			lastWrite[0] = System.nanoTime();
			this.store.recordPull(row.id(), progress.percent(), progress.message(), this.clock.instant());
		}
	}

	/** The row was deleted or failed during the pull: nothing is to be run for it. */
	private static final class RowGone extends RuntimeException {

		RowGone() {
			super(null, null, false, false);
		}

	}

	private void pullAndRun(ContainerRecord row, LaunchPlan plan, RegistryCredentials credentials) {
		try {
			long[] lastWrite = { System.nanoTime() - WRITE_EVERY_NANOS };
			this.launcher.run(row, plan, credentials, (progress) -> record(row, progress, lastWrite));
		}
		catch (RowGone ex) {
			// deleted meanwhile: the pulled image stays for the next launch
		}
		catch (RuntimeException ex) {
			String reason = this.stopping
					? "The service stopped during the pull; delete the container and launch again."
					: PullFailures.reason(row.image(), row.name(), ex);
			if (this.store.fail(row.id(), reason, this.clock.instant())) {
				log.info("Launch of container {} ({}) of {} failed: {}", row.id(), row.name(), row.owner(), reason);
			}
		}
		finally {
			this.active.remove(row.id());
		}
	}

}
