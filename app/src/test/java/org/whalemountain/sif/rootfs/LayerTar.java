package org.whalemountain.sif.rootfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import com.github.luben.zstd.ZstdOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds image layers the way Docker writes them, for flattening tests. */
final class LayerTar {

	enum Compression {

		GZIP, ZSTD, NONE

	}

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final TarArchiveOutputStream tar = new TarArchiveOutputStream(this.bytes);

	LayerTar() {
		this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
	}

	LayerTar dir(String name) throws IOException {
		TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
		entry.setMode(040755);
		return put(entry, null);
	}

	LayerTar file(String name, String content) throws IOException {
		return file(name, content.getBytes(StandardCharsets.UTF_8), 0100644);
	}

	LayerTar file(String name, byte[] content, int mode) throws IOException {
		TarArchiveEntry entry = new TarArchiveEntry(name);
		entry.setMode(mode);
		entry.setSize(content.length);
		return put(entry, content);
	}

	LayerTar symlink(String name, String target) throws IOException {
		TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
		entry.setLinkName(target);
		return put(entry, null);
	}

	LayerTar hardlink(String name, String target) throws IOException {
		TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
		entry.setLinkName(target);
		return put(entry, null);
	}

	LayerTar charDevice(String name) throws IOException {
		TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_CHR);
		entry.setDevMajor(1);
		entry.setDevMinor(3);
		return put(entry, null);
	}

	Path write(Path dir, String name, Compression compression) throws IOException {
		this.tar.finish();
		this.tar.close();
		Path file = dir.resolve(name);
		try (OutputStream out = open(Files.newOutputStream(file), compression)) {
			out.write(this.bytes.toByteArray());
		}
		return file;
	}

	private static OutputStream open(OutputStream out, Compression compression) throws IOException {
		return switch (compression) {
			case GZIP -> new GZIPOutputStream(out);
			case ZSTD -> new ZstdOutputStream(out);
			case NONE -> out;
		};
	}

	private LayerTar put(TarArchiveEntry entry, byte[] content) throws IOException {
		this.tar.putArchiveEntry(entry);
		if (content != null) {
			this.tar.write(content);
		}
		this.tar.closeArchiveEntry();
		return this;
	}

}
