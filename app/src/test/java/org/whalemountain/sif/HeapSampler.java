package org.whalemountain.sif;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap a build adds, sampled every few milliseconds while it runs: the highest heap
 * use seen, less the use after a full collection just before. The service runs in the
 * test's JVM, so this is the service's heap; garbage not yet collected counts, as it does
 * against {@code -Xmx}.
 */
final class HeapSampler implements AutoCloseable {

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final AtomicLong peak = new AtomicLong();

	private final AtomicLong peakLive = new AtomicLong();

	private final long before;

	private final Thread thread;

	private volatile boolean running = true;

	HeapSampler() {
		System.gc();
		this.before = this.memory.getHeapMemoryUsage().getUsed();
		this.thread = new Thread(this::sample, "heap-sampler");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void sample() {
		while (this.running) {
			this.peak.accumulateAndGet(this.memory.getHeapMemoryUsage().getUsed(), Math::max);
			this.peakLive.accumulateAndGet(afterCollection(), Math::max);
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** Bytes above the heap in use when sampling started. */
	long peakAboveStart() {
		return Math.max(0, this.peak.get() - this.before);
	}

	/** Bytes above the start that were still alive after a collection. */
	long peakLiveAboveStart() {
		return Math.max(0, this.peakLive.get() - this.before);
	}

	private static long afterCollection() {
		long used = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
				used += pool.getCollectionUsage().getUsed();
			}
		}
		return used;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join();
	}

}
