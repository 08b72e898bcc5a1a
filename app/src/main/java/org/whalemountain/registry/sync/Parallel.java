package org.whalemountain.registry.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.whalemountain.registry.RegistryUnavailableException;

/**
 * Runs one function over many items on a bounded pool and waits for all of them: the
 * registry sync's fan-out of tag lists, HEADs and fetches. The first failure cancels the
 * rest and is rethrown as it was.
 */
final class Parallel {

	private Parallel() {
	}

	/** The results in the order of {@code items}. */
	static <T, R> List<R> map(ExecutorService pool, List<T> items, Function<T, R> function) {
		List<Future<R>> futures = new ArrayList<>(items.size());
		try {
			for (T item : items) {
				futures.add(pool.submit(() -> function.apply(item)));
			}
			List<R> results = new ArrayList<>(items.size());
			for (Future<R> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		catch (ExecutionException ex) {
			cancel(futures);
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			cancel(futures);
			Thread.currentThread().interrupt();
			throw new RegistryUnavailableException("The sync was interrupted: the service is stopping.",
					RegistryUnavailableException.RETRY_AFTER);
		}
	}

	private static void cancel(List<? extends Future<?>> futures) {
		futures.forEach((future) -> future.cancel(true));
	}

}
