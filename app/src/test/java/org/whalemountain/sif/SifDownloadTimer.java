package org.whalemountain.sif;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.whalemountain.testsupport.Http;

/**
 * A SIF's download through the service by {@code curl}, against {@code cat} of the same
 * file, both into a file on the same disk: the service can at best be as fast as reading
 * and writing the bytes.
 */
final class SifDownloadTimer {

	private SifDownloadTimer() {
	}

	static Download compare(Http http, int port, long imageId, Path sif, Path dir, int rounds)
			throws IOException, InterruptedException {
		long size = Files.size(sif);
		Path target = dir.resolve("downloaded.sif");
		List<Long> curl = new ArrayList<>();
		List<Long> cat = new ArrayList<>();
		for (int i = 0; i < rounds; i++) {
			curl.add(time("curl -sf -u alice:alice-pass -o " + target + " http://127.0.0.1:" + port + "/api/v1/images/"
					+ imageId + "/sif"));
			if (Files.mismatch(sif, target) != -1L) {
				throw new IllegalStateException("the download differs from the stored SIF");
			}
			Files.delete(target);
			cat.add(time("cat " + sif + " > " + target));
			Files.delete(target);
		}
		return new Download(size, SifBuildBenchmark.median(curl), SifBuildBenchmark.median(cat));
	}

	private static long time(String command) throws IOException, InterruptedException {
		long start = System.nanoTime();
		Process process = new ProcessBuilder("sh", "-c", command).inheritIO().start();
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException(command + " failed");
		}
		return Math.max(1, (System.nanoTime() - start) / 1_000_000);
	}

	/** Medians in milliseconds of the same file. */
	record Download(long bytes, long httpMillis, long catMillis) {

		double httpMegabytesPerSecond() {
			return this.bytes / 1e6 / (this.httpMillis / 1e3);
		}

		double catMegabytesPerSecond() {
			return this.bytes / 1e6 / (this.catMillis / 1e3);
		}

		double ratio() {
			return (double) this.catMillis / this.httpMillis;
		}

	}

}
