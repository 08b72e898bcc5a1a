package org.whalemountain.sif;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;
import org.whalemountain.platform.PlatformProperties;
import org.whalemountain.registry.ImageConfig;
import org.whalemountain.registry.distribution.DistributionRegistryClient;
import org.whalemountain.registry.distribution.ServiceTokens;
import org.whalemountain.sif.build.BuildLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A layer whose download breaks off half-way, through the real registry client and the
 * real mksquashfs: the build fails as worth a retry, leaves nothing in the store or its
 * work directory, and the next attempt builds a SIF that siftool and unsquashfs accept.
 */
class SifBuildBrokenDownloadIT {

	static final String REPOSITORY = "alice/broken";

	@TempDir
	Path dir;

	BlobServer server;

	SifStore store;

	SifBuilder builder;

	List<ImageSource.Layer> layers;

	@BeforeEach
	void setUp() throws Exception {
		this.server = new BlobServer();
		byte[] bottom = layer(Map.of("data/random.bin", random(4 << 20), "data/gone.txt", text("gone")));
		byte[] top = layer(Map.of("data/.wh.gone.txt", new byte[0], "data/top.txt", text("top")));
		this.layers = List.of(serve(bottom), serve(top));
		SifProperties properties = new SifProperties(this.dir.resolve("store").toString(), "", 1, "mksquashfs", 3,
				Duration.ofMinutes(2), Duration.ofDays(1), Duration.ofSeconds(2), DataSize.ofGigabytes(20),
				Duration.ofHours(2), 10, DataSize.ofMegabytes(1), 2);
		this.store = new SifStore(properties,
				new PlatformProperties(this.dir, new PlatformProperties.EmbeddedDatabase(0, "unused"), ""));
		DistributionRegistryClient client = new DistributionRegistryClient(URI.create(this.server.url()),
				Duration.ofSeconds(30),
				new ServiceTokens((access) -> new ServiceTokens.Token("token", Instant.MAX), Clock.systemUTC()),
				new SimpleMeterRegistry());
		ImageSource source = new ImageSource() {

			@Override
			public ImageLayout layout(String repository, String digest) {
				return new ImageLayout(
						"{}".getBytes(StandardCharsets.UTF_8), new ImageConfig(List.of("PATH=/bin"), List.of(),
								List.of("/bin/sh"), "", "", Map.of(), "amd64", "linux"),
						SifBuildBrokenDownloadIT.this.layers);
			}

			@Override
			public InputStream open(String repository, String blobDigest) {
				return client.openBlob(repository, blobDigest);
			}

		};
		this.builder = new SifBuilder(source, this.store, properties, new BuildLimits(properties, this.store));
	}

	@AfterEach
	void stop() throws IOException {
		this.server.close();
	}

	@Test
	void aDownloadThatBreaksOffFailsCleanlyAndTheRetryBuilds() throws Exception {
		String digest = "sha256:" + "a".repeat(64);
		this.server.cutOnce(this.layers.get(0).digest());

		assertThatThrownBy(() -> build(digest, "claim1")).isInstanceOf(IOException.class)
			.satisfies((ex) -> assertThat(BuildFailure.of((Exception) ex).transientFailure()).isTrue())
			.hasMessageContaining(this.layers.get(0).digest())
			.hasMessageContaining("broke off");
		assertThat(filesIn(this.store.storeRoot())).as("nothing but the empty work root is left").isEmpty();
		assertThat(filesIn(this.store.workRoot())).isEmpty();

		SifBuilder.Result result = build(digest, "claim2");

		Path sif = this.store.file(digest);
		assertThat(Files.size(sif)).isEqualTo(result.sizeBytes());
		assertThat(sha256(sif)).isEqualTo(result.sha256());
		assertThat(run("siftool", "list", sif.toString())).contains("FS (Squashfs/*System/amd64)");
		String tree = run("unsquashfs", "-o", String.valueOf(offset(sif)), "-lln", sif.toString());
		assertThat(tree).contains("squashfs-root/data/random.bin", "squashfs-root/data/top.txt")
			.doesNotContain("gone.txt");
		assertThat(filesIn(this.store.storeRoot())).containsExactly(sif);
	}

	private SifBuilder.Result build(String digest, String claim) throws Exception {
		return this.builder.build(digest, REPOSITORY, claim, (percent) -> {
		}, new BuildLog());
	}

	private ImageSource.Layer serve(byte[] blob) throws Exception {
		String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
		this.server.serve(digest, blob);
		return new ImageSource.Layer(digest, blob.length, "application/vnd.oci.image.layer.v1.tar+gzip");
	}

	/** Regular files under the directory, the work root's own (empty) directory aside. */
	private static List<Path> filesIn(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	private static byte[] layer(Map<String, byte[]> files) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
			tar.putArchiveEntry(new TarArchiveEntry("data/"));
			tar.closeArchiveEntry();
			for (Map.Entry<String, byte[]> file : files.entrySet()) {
				TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
				entry.setSize(file.getValue().length);
				entry.setMode(0100644);
				tar.putArchiveEntry(entry);
				tar.write(file.getValue());
				tar.closeArchiveEntry();
			}
		}
		return bytes.toByteArray();
	}

	private static byte[] random(int size) {
		byte[] bytes = new byte[size];
		new Random(42).nextBytes(bytes);
		return bytes;
	}

	private static byte[] text(String text) {
		return (text + "\n").getBytes(StandardCharsets.UTF_8);
	}

	private static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

	/**
	 * The partition's offset, from {@code siftool list}: "3 |1 |NONE |32768-1073152 |…".
	 */
	private static long offset(Path sif) throws Exception {
		String row = run("siftool", "list", sif.toString()).lines()
			.filter((line) -> line.contains("Squashfs"))
			.findFirst()
			.orElseThrow();
		String range = row.split("\\|")[3].trim();
		return Long.parseLong(range.substring(0, range.indexOf('-')));
	}

	private static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
