package org.whalemountain.sif.rootfs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flattening on real layer files: what the spool directory holds afterwards, and that an
 * interrupted thread stops it.
 */
class FlattenerTests {

	@TempDir
	Path dir;

	@Test
	void aLayerThatRepeatsALinkedPathLeavesNoSpooledFileBehind() throws IOException {
		// the link's target is removed above, so the link becomes a file with the content
		// of the copy of 'data/a' before it; both copies of 'data/a' are spooled
		Path bottom = new LayerTar().dir("data")
			.file("data/a", "first\n")
			.hardlink("data/b", "data/a")
			.file("data/a", "second\n")
			.write(this.dir, "layer0.tar", LayerTar.Compression.NONE);
		Path top = new LayerTar().dir("data")
			.file("data/.wh.a", "")
			.write(this.dir, "layer1.tar", LayerTar.Compression.NONE);
		Path spool = Files.createDirectory(this.dir.resolve("spool"));
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		FlattenReport report = new Flattener(List.of(bottom, top), List.of(), spool).writeTo(out);

		assertThat(report.convertedHardLinks()).isEqualTo(1);
		assertThat(files(out.toByteArray())).containsEntry("data/b", "first\n").doesNotContainKey("data/a");
		assertThat(spool).isEmptyDirectory();
	}

	@Test
	void anInterruptedThreadStopsFlattening() throws IOException {
		Path layer = new LayerTar().dir("etc")
			.file("etc/hello", "hello\n")
			.write(this.dir, "layer.tar", LayerTar.Compression.NONE);
		Flattener flattener = new Flattener(List.of(layer), List.of(), this.dir);

		Thread.currentThread().interrupt();
		try {
			assertThatThrownBy(() -> flattener.writeTo(new ByteArrayOutputStream()))
				.isInstanceOf(InterruptedIOException.class);
		}
		finally {
			Thread.interrupted();
		}
	}

	private static Map<String, String> files(byte[] tar) throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
			for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				if (entry.isFile()) {
					files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
				}
			}
		}
		return files;
	}

}
