package org.whalemountain.sif;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.whalemountain.sif.build.BuildLog;
import org.whalemountain.sif.rootfs.ImageBuildException;

/**
 * Runs queued builds, at most {@code wm.sif.max-concurrent-builds} at once. A build is
 * claimed with a lease that its worker renews as it reports progress; a build whose lease
 * ran out (its instance died or restarted) is claimed again, so nothing interrupted stays
 * stuck.
 */
@Component
class SifWorker implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SifWorker.class);

	private final SifBuildStore builds;

	private final SifBuilder builder;

	private final SifProperties properties;

	private final Clock clock;

	private final Semaphore slots;

	private final ExecutorService executor;

	private final MeterRegistry meters;

	private final java.util.Set<String> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

	SifWorker(SifBuildStore builds, SifBuilder builder, SifProperties properties, Clock clock, MeterRegistry meters) {
		this.builds = builds;
		this.builder = builder;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		this.slots = new Semaphore(properties.maxConcurrentBuilds());
		this.executor = Executors.newFixedThreadPool(properties.maxConcurrentBuilds(), (task) -> {
			Thread thread = new Thread(task, "sif-builder");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Claims whatever it has room for; called on a schedule and right after a build is
	 * queued.
	 */
	@Scheduled(fixedDelayString = "${wm.sif.poll-interval:PT2S}")
	void poll() {
		Instant now = this.clock.instant();
		for (String digest : this.builds.claimable(now, this.properties.maxConcurrentBuilds())) {
			if (!this.slots.tryAcquire()) {
				return;
			}
			if (this.builds.claim(digest, now, now.plus(this.properties.lease()))) {
				this.running.add(digest);
				this.executor.execute(() -> run(digest));
			}
			else {
				this.slots.release();
			}
		}
	}

	private void run(String digest) {
		BuildLog buildLog = new BuildLog();
		Timer.Sample sample = Timer.start(this.meters);
		try {
			SifBuild build = this.builds.find(digest).orElseThrow();
			SifBuilder.Result result = this.builder.build(digest, build.repository(), (percent) -> this.builds
				.progress(digest, percent, this.clock.instant().plus(this.properties.lease())), buildLog);
			this.builds.ready(digest, result.sizeBytes(), result.sha256(), result.note(), buildLog.toString(),
					this.clock.instant());
			sample.stop(this.meters.timer("wm.sif.build", "outcome", "success"));
			this.meters.summary("wm.sif.size").record(result.sizeBytes());
		}
		catch (InterruptedException ex) {
			// the service is stopping: destroy() hands the claim back, this is no failure
			// of the image
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			if (this.executor.isShutdown()) {
				return;
			}
			fail(digest, ex, buildLog);
			sample.stop(this.meters.timer("wm.sif.build", "outcome", "failure"));
		}
		finally {
			this.running.remove(digest);
			this.slots.release();
		}
		// the next queued build starts now, not at the next tick
		if (!this.executor.isShutdown()) {
			poll();
		}
	}

	private void fail(String digest, Exception ex, BuildLog buildLog) {
		String reason = (ex instanceof ImageBuildException || ex instanceof org.whalemountain.platform.DomainException)
				? ex.getMessage() : ex.getClass().getSimpleName() + ": " + ex.getMessage();
		buildLog.line("failed: " + reason);
		int attempts = this.builds.find(digest).map(SifBuild::attempts).orElse(this.properties.maxAttempts());
		// only a registry that is down is worth trying again; an image that is broken or
		// gone stays so
		boolean transientFailure = ex instanceof org.whalemountain.platform.UnavailableException
				|| ex instanceof java.io.IOException;
		boolean retry = transientFailure && attempts < this.properties.maxAttempts();
		log.warn("SIF build of {} failed ({}): {}", digest, retry ? "will retry" : "giving up", reason);
		Instant now = this.clock.instant();
		// a registry that is down needs time to come back: 30 s, then 60 s, …
		this.builds.failed(digest, reason, buildLog.toString(), retry, now, now.plusSeconds(30L * attempts));
	}

	/**
	 * On a clean stop, builds under way go back to the queue so that the next start takes
	 * them at once.
	 */
	@Override
	public void destroy() {
		this.executor.shutdownNow();
		for (String digest : this.running) {
			this.builds.release(digest);
		}
	}

}
