package org.whalemountain.sif.rootfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * One layer's headers as {@link LayerScan} read them, in tar order, and the file the
 * layer's blob was kept in for the {@link Flattener}'s write pass. Layers are scanned in
 * any order, each while it downloads; their changes apply to the {@link LayerIndex}
 * bottom first. Metadata only: its size grows with the layer's entries, not their
 * content.
 */
public final class ScannedLayer {

	/** What one entry does to the index. */
	enum Change {

		ADD, WHITEOUT, OPAQUE

	}

	/** One entry's change: the path it adds (with its winner) or hides. */
	record Entry(Change change, String path, LayerIndex.Winner winner) {
	}

	private final Path file;

	private final List<Entry> entries;

	private final long dropped;

	ScannedLayer(Path file, List<Entry> entries, long dropped) {
		this.file = file;
		this.entries = List.copyOf(entries);
		this.dropped = dropped;
	}

	/**
	 * Reads the headers of a layer blob (gzip, zstd or plain tar) from {@code blob}, up
	 * to the end of its tar; the caller reads what follows (padding, a compression
	 * trailer) and closes {@code blob}.
	 * @param layer the layer's position in the image, bottom first
	 * @param file where the caller keeps the blob's bytes for the write pass
	 * @throws java.io.InterruptedIOException when the thread was interrupted
	 */
	public static ScannedLayer scan(InputStream blob, int layer, Path file) throws IOException {
		// not closed: closing the tar would close the caller's stream before its end
		TarArchiveInputStream tar = LayerStreams.open(blob);
		return LayerScan.scan(tar, layer, file);
	}

	Path file() {
		return this.file;
	}

	List<Entry> entries() {
		return this.entries;
	}

	/** Device nodes, FIFOs and sparse files left out. */
	long dropped() {
		return this.dropped;
	}

}
