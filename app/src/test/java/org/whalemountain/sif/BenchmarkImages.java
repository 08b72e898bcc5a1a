package org.whalemountain.sif;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.TestImages;

/**
 * The SIF benchmark's images, built by the real docker from the local busybox: three
 * layers as the issue describes them (random data, a large text file, thousands of small
 * files), scaled by a factor; and, for every timed run, a copy with a label of its own,
 * so that each run is a new digest with the same layers.
 */
final class BenchmarkImages {

	private final Path dir;

	BenchmarkImages(Path dir) {
		this.dir = dir;
	}

	/**
	 * Builds {@code tag}: {@code 150 × scale} MB of random data, {@code 30 M × scale}
	 * lines of text, {@code 3000 × scale} small files.
	 */
	String base(String tag, int scale) throws IOException {
		return build(tag,
				String.join("\n", "FROM " + TestImages.busybox(),
						"RUN head -c " + (150 * scale) + "m /dev/urandom > /random.bin",
						"RUN seq 1 " + (30_000_000 * scale) + " > /lines.txt", "RUN mkdir /small && for i in $(seq 1 "
								+ (3000 * scale) + "); do echo \"small file $i\" > /small/f$i;" + " done",
						""));
	}

	/** A new digest of {@code base}: a label changes the config, not the layers. */
	String labelled(String base, String tag) throws IOException {
		return build(tag, "FROM " + base + "\nLABEL wm.benchmark.run=\"" + UUID.randomUUID() + "\"\n");
	}

	/**
	 * The floor: {@code docker export | mksquashfs - out -tar -noappend -all-root} of a
	 * container of the image.
	 * @return milliseconds
	 */
	long exportAndSquash(String image, Path out) throws IOException, InterruptedException {
		String container = DockerCli.docker("create", image).strip();
		try {
			long start = System.nanoTime();
			Process process = new ProcessBuilder("sh", "-c",
					"docker export " + container + " | mksquashfs - " + out + " -tar -noappend -all-root -no-progress")
				.redirectErrorStream(true)
				.redirectOutput(this.dir.resolve("floor.log").toFile())
				.start();
			if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
				throw new IllegalStateException(
						"docker export | mksquashfs failed: " + Files.readString(this.dir.resolve("floor.log")));
			}
			return (System.nanoTime() - start) / 1_000_000;
		}
		finally {
			DockerCli.docker("rm", "-f", container);
			Files.deleteIfExists(out);
		}
	}

	private String build(String tag, String dockerfile) throws IOException {
		Path context = Files.createDirectories(this.dir.resolve("context-" + UUID.randomUUID()));
		Files.writeString(context.resolve("Dockerfile"), dockerfile);
		DockerCli.run(Map.of("DOCKER_BUILDKIT", "0"), null, "build", "-q", "-t", tag, context.toString());
		return tag;
	}

}
