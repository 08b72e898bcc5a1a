package org.whalemountain.sif;

import org.whalemountain.sif.build.BuildLog;

/**
 * A build on one of this instance's builder threads, and why it was stopped, if it was.
 * Whoever stops it first decides what is recorded; a build that already ended is not
 * stopped, so that its thread, back in the pool, is never interrupted by a late timer.
 */
final class RunningBuild {

	/** Why a build was stopped before it ended by itself. */
	enum Stop {

		/** {@code wm.sif.build-timeout} passed; recorded as FAILED when stopped. */
		TIMEOUT,
		/** Another worker holds the build now; nothing is recorded here. */
		LEASE_LOST,
		/** This instance is stopping; the build goes back to the queue. */
		SHUTDOWN

	}

	private final SifLeases.Claim claim;

	private final Thread thread;

	private final BuildLog log = new BuildLog();

	private Stop stop;

	private boolean ended;

	RunningBuild(SifLeases.Claim claim, Thread thread) {
		this.claim = claim;
		this.thread = thread;
	}

	SifLeases.Claim claim() {
		return this.claim;
	}

	BuildLog log() {
		return this.log;
	}

	/**
	 * Stops the build by interrupting its thread.
	 * @return false if it was already stopped or has ended
	 */
	synchronized boolean stop(Stop why) {
		if (this.ended || this.stop != null) {
			return false;
		}
		this.stop = why;
		this.thread.interrupt();
		return true;
	}

	synchronized Stop stopped() {
		return this.stop;
	}

	/**
	 * Marks the build as ended, after which it is never stopped; clears an interrupt that
	 * came too late to matter.
	 */
	synchronized void end() {
		this.ended = true;
		Thread.interrupted();
	}

}
