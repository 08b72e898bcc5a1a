package org.whalemountain.sif.build;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import org.whalemountain.sif.rootfs.ScannedLayer;

/**
 * Downloads an image's layers, a few at once, each into a file of the build's directory
 * while its headers are scanned from the same bytes ({@link ScannedLayer#scan}): by the
 * time the last layer is in, every layer is indexed, and the write pass can start. The
 * registry's stream checks each digest as the bytes pass. The first layer that fails
 * stops the others, and a build that is stopped stops them all; none is left running.
 */
public final class LayerDownloads {

	/** How long stopped downloads get to notice before the build's directory goes. */
	private static final long STOP_SECONDS = 30;

	private final Blobs blobs;

	private final int parallel;

	/**
	 * @param parallel how many layers download at once
	 */
	public LayerDownloads(Blobs blobs, int parallel) {
		this.blobs = blobs;
		this.parallel = parallel;
	}

	/**
	 * @param layers the blobs bottom first
	 * @param directory where each layer's file goes ({@code layer-<n>})
	 * @param downloaded told the bytes downloaded so far, all layers together, about
	 * every megabyte
	 * @return each layer's scan, bottom first
	 * @throws IOException when a download breaks off or a layer is no tar
	 * @throws InterruptedException when the build was stopped
	 */
	public List<ScannedLayer> fetch(List<Blob> layers, Path directory, LongConsumer downloaded)
			throws IOException, InterruptedException {
		if (layers.isEmpty()) {
			return List.of();
		}
		ExecutorService pool = Executors.newFixedThreadPool(Math.min(this.parallel, layers.size()), (task) -> {
			Thread thread = new Thread(task, "sif-download");
			thread.setDaemon(true);
			return thread;
		});
		try {
			CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
			ScannedLayer[] scanned = new ScannedLayer[layers.size()];
			AtomicLong bytes = new AtomicLong();
			for (int i = 0; i < layers.size(); i++) {
				int layer = i;
				done.submit(() -> {
					scanned[layer] = fetch(layers.get(layer), layer, directory.resolve("layer-" + layer), bytes,
							downloaded);
					return layer;
				});
			}
			for (int i = 0; i < layers.size(); i++) {
				result(done.take());
			}
			return List.of(scanned);
		}
		finally {
			pool.shutdownNow();
			if (!pool.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
				throw new InterruptedIOException("layer downloads did not stop within " + STOP_SECONDS + " s");
			}
		}
	}

	private ScannedLayer fetch(Blob blob, int layer, Path file, AtomicLong bytes, LongConsumer downloaded)
			throws IOException {
		try (InputStream in = this.blobs.open(blob.digest());
				OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
				TeeStream tee = new TeeStream(in, out, (read) -> count(bytes, read, downloaded))) {
			ScannedLayer scan = ScannedLayer.scan(tee, layer, file);
			tee.drain();
			return scan;
		}
	}

	private static long count(AtomicLong bytes, long read, LongConsumer downloaded) {
		long now = bytes.addAndGet(read);
		if (((now - read) >> 20) != (now >> 20)) {
			downloaded.accept(now);
		}
		return now;
	}

	/** A finished download's outcome: its failure, as it was thrown. */
	private static void result(Future<Integer> download) throws IOException, InterruptedException {
		try {
			download.get();
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IOException(cause);
		}
	}

	/** Opens a blob as a stream checked against its digest as it is read. */
	@FunctionalInterface
	public interface Blobs {

		InputStream open(String digest) throws IOException;

	}

	/** One layer blob. */
	public record Blob(String digest, long size) {
	}

}
