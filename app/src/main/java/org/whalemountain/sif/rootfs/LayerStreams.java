package org.whalemountain.sif.rootfs;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Opens a layer blob as a tar stream, whatever its compression: gzip, zstd or none, told
 * by its first bytes.
 */
final class LayerStreams {

	private LayerStreams() {
	}

	static TarArchiveInputStream open(Path blob) throws IOException {
		return open(Files.newInputStream(blob));
	}

	/** Reads from {@code blob}, which the returned stream closes. */
	static TarArchiveInputStream open(InputStream blob) throws IOException {
		InputStream in = new BufferedInputStream(blob, 1 << 16);
		in.mark(4);
		byte[] magic = in.readNBytes(4);
		in.reset();
		InputStream tar;
		if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
			tar = new GZIPInputStream(in, 1 << 16);
		}
		else if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
				&& (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
			tar = new ZstdCompressorInputStream(in);
		}
		else {
			tar = in;
		}
		return new TarArchiveInputStream(tar);
	}

}
