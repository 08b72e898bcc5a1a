package org.whalemountain.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The arithmetic and the bursts the launch benchmarks share: latencies in microseconds,
 * nearest-rank percentiles, and how they are printed.
 */
public final class Latencies {

	private Latencies() {
	}

	/** Nearest-rank percentile. */
	public static long percentile(List<Long> values, int percent) {
		List<Long> sorted = values.stream().sorted().toList();
		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return sorted.get(Math.max(0, rank - 1));
	}

	/** Median / p90 / min / max. */
	public static String summary(List<Long> micros) {
		return ms(percentile(micros, 50)) + " / " + ms(percentile(micros, 90)) + " / "
				+ ms(micros.stream().mapToLong(Long::longValue).min().orElseThrow()) + " / "
				+ ms(micros.stream().mapToLong(Long::longValue).max().orElseThrow());
	}

	public static String ratio(long value, long baseline) {
		return String.format("%.2f", (double) value / baseline);
	}

	public static String ms(long micros) {
		return String.format("%.1f ms", micros / 1000.0);
	}

	/**
	 * Starts {@code count} launches at once on {@code pool} and waits for all (at most
	 * {@code minutes}), then removes what they made, untimed. Answers the total time and
	 * the p50 and p99 of the launches, in microseconds.
	 * @param launch makes one thing for its slot and answers its id
	 */
	public static long[] burst(int count, ExecutorService pool, IntFunction<String> launch, Consumer<String> remove,
			int minutes) throws Exception {
		List<String> ids = new ArrayList<>();
		List<CompletableFuture<Long>> launches = new ArrayList<>();
		long start = System.nanoTime();
		for (int slot = 0; slot < count; slot++) {
			int s = slot;
			launches.add(CompletableFuture.supplyAsync(() -> {
				long begin = System.nanoTime();
				String id = launch.apply(s);
				synchronized (ids) {
					ids.add(id);
				}
				return (System.nanoTime() - begin) / 1_000;
			}, pool));
		}
		CompletableFuture.allOf(launches.toArray(CompletableFuture[]::new)).get(minutes, TimeUnit.MINUTES);
		long total = (System.nanoTime() - start) / 1_000;
		List<Long> latencies = launches.stream().map(CompletableFuture::join).toList();
		List<CompletableFuture<Void>> removals = ids.stream()
			.map((id) -> CompletableFuture.runAsync(() -> remove.accept(id), pool))
			.toList();
		CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)).get(minutes, TimeUnit.MINUTES);
		return new long[] { total, percentile(latencies, 50), percentile(latencies, 99) };
	}

	/** Total / p50 / p99 of {@link #burst}'s answer. */
	public static String burstSummary(long[] burst) {
		return ms(burst[0]) + " / " + ms(burst[1]) + " / " + ms(burst[2]);
	}

}
