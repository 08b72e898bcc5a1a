package org.whalemountain.workloads.launch;

import org.whalemountain.workloads.WorkloadsProperties;
import org.whalemountain.workloads.engine.ContainerEngines;
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
 * Finishes launches whose image the engine lacks, in the background: pulls the image,
 * records the progress on the row, then creates and starts the container (status
 * {@code running}), or marks the row {@code failed} with the reason and frees its host
 * ports. At most {@code wm.workloads.pull.threads} pulls run at once; the others wait in
 * line, which the per-user container quota keeps short.
 */
@Component
public class ImagePulls {

	private static final Logger log = LoggerFactory.getLogger(ImagePulls.class);

	/** Progress is written at most this often, not for every report of every layer. */
	private static final long WRITE_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	private final ContainerEngines engines;

	private final ContainerStore store;

	private final LaunchSteps launcher;

	private final Clock clock;

	private final ExecutorService workers;

	private volatile boolean stopping;

	/** Rows this instance is pulling or about to: never stale, however long they wait. */
	private final Set<Long> active = ConcurrentHashMap.newKeySet();

	ImagePulls(ContainerEngines engines, ContainerStore store, LaunchSteps launcher, WorkloadsProperties properties,
			Clock clock) {
		this.engines = engines;
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
	 * Queues the pull and the start of a row reserved as {@code pulling}; returns at
	 * once.
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

	private void pullAndRun(ContainerRecord row, LaunchPlan plan, RegistryCredentials credentials) {
		try {
			PullMeter meter = new PullMeter();
			long[] lastWrite = { System.nanoTime() - WRITE_EVERY_NANOS };
			this.engines.named(row.engine()).pull(row.image(), credentials, (progress) -> {
				if (meter.add(progress) && System.nanoTime() - lastWrite[0] >= WRITE_EVERY_NANOS) {
					lastWrite[0] = System.nanoTime();
					this.store.recordPull(row.id(), meter.percent(), meter.message(), this.clock.instant());
				}
			});
			// the engine's last words stay on the row: what an operator asks about later
			if (!this.store.recordPull(row.id(), 100, meter.message(), this.clock.instant())) {
				return; // deleted meanwhile: the pulled image stays for the next launch
			}
			this.launcher.run(row, plan);
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
