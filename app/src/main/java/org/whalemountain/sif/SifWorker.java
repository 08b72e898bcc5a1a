package org.whalemountain.sif;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs queued builds, at most {@code wm.sif.max-concurrent-builds} at once, each under a
 * lease that {@link SifLeases} keeps renewing and for at most
 * {@code wm.sif.build-timeout}. A build whose lease ran out (its instance died or
 * restarted) is claimed again, so nothing interrupted stays stuck.
 */
@Component
class SifWorker implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SifWorker.class);

	private final SifBuildStore builds;

	private final SifLeases leases;

	private final SifReferences references;

	private final SifBuilder builder;

	private final SifProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Semaphore slots;

	private final ExecutorService executor;

	private final ScheduledExecutorService deadlines;

	private final Map<SifLeases.Claim, RunningBuild> running = new ConcurrentHashMap<>();

	SifWorker(SifBuildStore builds, SifLeases leases, SifReferences references, SifBuilder builder,
			SifProperties properties, Clock clock, MeterRegistry meters) {
		this.builds = builds;
		this.leases = leases;
		this.references = references;
		this.builder = builder;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		this.slots = new Semaphore(properties.maxConcurrentBuilds());
		this.executor = Executors.newFixedThreadPool(properties.maxConcurrentBuilds(), daemon("sif-builder"));
		this.deadlines = Executors.newSingleThreadScheduledExecutor(daemon("sif-deadline"));
	}

	/**
	 * Claims whatever it has room for; called on a schedule and right after a build ends.
	 */
	@Scheduled(fixedDelayString = "${wm.sif.poll-interval:PT2S}")
	void poll() {
		for (String digest : this.leases.claimable(this.clock.instant(), this.properties.maxConcurrentBuilds())) {
			if (this.slots.availablePermits() == 0) {
				return;
			}
			start(digest);
		}
	}

	/**
	 * Claims one build and starts it, if a builder is free and no other worker was
	 * faster.
	 */
	boolean start(String digest) {
		if (!this.slots.tryAcquire()) {
			return false;
		}
		Optional<SifLeases.Claim> claim = this.leases.claim(digest, this.clock.instant());
		if (claim.isEmpty()) {
			this.slots.release();
			return false;
		}
		this.executor.execute(() -> run(new RunningBuild(claim.get(), Thread.currentThread())));
		return true;
	}

	private void run(RunningBuild build) {
		SifLeases.Claim claim = build.claim();
		this.running.put(claim, build);
		this.leases.hold(claim, () -> build.stop(RunningBuild.Stop.LEASE_LOST));
		ScheduledFuture<?> deadline = this.deadlines.schedule(() -> timedOut(build),
				this.properties.buildTimeout().toMillis(), TimeUnit.MILLISECONDS);
		Timer.Sample sample = Timer.start(this.meters);
		try {
			String repository = this.references.repositoryHolding(claim.digest(), claim.repository())
				.orElse(claim.repository());
			SifBuilder.Result result = this.builder.build(claim.digest(), repository, claim.token(),
					(percent) -> this.builds.progress(claim, percent), build.log());
			this.leases.drop(claim);
			if (build.stopped() == null && !this.builds.ready(claim, result.sizeBytes(), result.sha256(), result.note(),
					build.log().toString(), this.clock.instant())) {
				log.warn("The SIF of {} was built, but another worker had taken the build over", claim.digest());
			}
			sample.stop(this.meters.timer("wm.sif.build", "outcome", "success"));
			this.meters.summary("wm.sif.size").record(result.sizeBytes());
		}
		catch (Exception ex) {
			// a stopped build was recorded by whoever stopped it
			if (build.stopped() == null) {
				this.leases.drop(claim);
				fail(claim, BuildFailure.of(ex), build);
				sample.stop(this.meters.timer("wm.sif.build", "outcome", "failure"));
			}
		}
		finally {
			build.end();
			deadline.cancel(false);
			this.leases.drop(claim);
			this.running.remove(claim);
			this.slots.release();
		}
		// the next queued build starts now, not at the next tick
		if (!this.executor.isShutdown()) {
			poll();
		}
	}

	private void timedOut(RunningBuild build) {
		if (build.stop(RunningBuild.Stop.TIMEOUT)) {
			this.leases.drop(build.claim());
			fail(build.claim(), BuildFailure.timeout(this.properties.buildTimeout()), build);
			this.meters.counter("wm.sif.build.timeouts").increment();
		}
	}

	private void fail(SifLeases.Claim claim, BuildFailure failure, RunningBuild build) {
		build.log().line("failed: " + failure.message());
		int attempts = this.builds.find(claim.digest()).map(SifBuild::attempts).orElse(this.properties.maxAttempts());
		boolean retry = failure.transientFailure() && attempts < this.properties.maxAttempts();
		log.warn("SIF build of {} failed ({}): {}", claim.digest(), retry ? "will retry" : "giving up",
				failure.message());
		Instant now = this.clock.instant();
		// a registry that is down needs time to come back: 30 s, then 60 s, …
		this.builds.failed(claim, failure, build.log().toString(), retry, now, now.plusSeconds(30L * attempts));
	}

	/**
	 * On a clean stop, builds under way go back to the queue so that the next start takes
	 * them at once.
	 */
	@Override
	public void destroy() {
		for (RunningBuild build : this.running.values()) {
			if (build.stop(RunningBuild.Stop.SHUTDOWN)) {
				this.leases.release(build.claim());
			}
		}
		this.executor.shutdownNow();
		this.deadlines.shutdownNow();
	}

	private static ThreadFactory daemon(String name) {
		return (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
