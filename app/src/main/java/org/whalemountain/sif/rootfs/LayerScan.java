package org.whalemountain.sif.rootfs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The {@link Flattener}'s first pass: reads the headers of a layer into a
 * {@link ScannedLayer}, whose changes then decide, bottom layer first, who wins each path
 * in a {@link LayerIndex}. Whiteouts and opaque markers become the index's deletions and
 * are never entries themselves; device nodes, FIFOs and sparse files are dropped and
 * counted.
 */
final class LayerScan {

	private LayerScan() {
	}

	/**
	 * Scans layer files, bottom first: for callers that have the blobs on disk already.
	 * @throws InterruptedIOException when the thread was interrupted
	 */
	static List<ScannedLayer> scan(List<Path> layers) throws IOException {
		List<ScannedLayer> scanned = new ArrayList<>();
		for (int layer = 0; layer < layers.size(); layer++) {
			try (TarArchiveInputStream tar = LayerStreams.open(layers.get(layer))) {
				scanned.add(scan(tar, layer, layers.get(layer)));
			}
		}
		return scanned;
	}

	/**
	 * @throws InterruptedIOException when the thread was interrupted
	 */
	static ScannedLayer scan(TarArchiveInputStream tar, int layer, Path file) throws IOException {
		List<ScannedLayer.Entry> entries = new ArrayList<>();
		long dropped = 0;
		int ordinal = 0;
		for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry(), ordinal++) {
			stopIfInterrupted();
			ScannedLayer.Entry change = change(layer, ordinal, entry);
			if (change == null) {
				dropped++;
			}
			else {
				entries.add(change);
			}
		}
		return new ScannedLayer(file, entries, dropped);
	}

	/**
	 * Applies the layers' changes to the index, bottom first.
	 * @return how many entries were dropped
	 */
	static long index(List<ScannedLayer> layers, LayerIndex index) {
		long dropped = 0;
		for (int layer = 0; layer < layers.size(); layer++) {
			for (ScannedLayer.Entry entry : layers.get(layer).entries()) {
				switch (entry.change()) {
					case ADD -> index.add(entry.path(), entry.winner());
					case WHITEOUT -> index.whiteout(entry.path(), layer);
					case OPAQUE -> index.opaque(entry.path(), layer);
				}
			}
			dropped += layers.get(layer).dropped();
		}
		return dropped;
	}

	/** Stops a pass at the next entry once the building thread was interrupted. */
	static void stopIfInterrupted() throws InterruptedIOException {
		if (Thread.currentThread().isInterrupted()) {
			throw new InterruptedIOException("flattening was stopped");
		}
	}

	/**
	 * @return {@code null} for an entry that is dropped
	 */
	private static ScannedLayer.Entry change(int layer, int ordinal, TarArchiveEntry entry) {
		String path = TarPaths.normalize(entry.getName());
		String name = TarPaths.fileName(path);
		if (TarPaths.OPAQUE.equals(name)) {
			return new ScannedLayer.Entry(ScannedLayer.Change.OPAQUE, TarPaths.parent(path), null);
		}
		if (name.startsWith(TarPaths.WHITEOUT)) {
			String parent = TarPaths.parent(path);
			String hidden = name.substring(TarPaths.WHITEOUT.length());
			return new ScannedLayer.Entry(ScannedLayer.Change.WHITEOUT,
					parent.isEmpty() ? hidden : parent + "/" + hidden, null);
		}
		LayerIndex.Kind kind = kindOf(entry);
		if (kind == null) {
			return null;
		}
		String target = (kind == LayerIndex.Kind.HARDLINK) ? TarPaths.linkTarget(entry.getName(), entry.getLinkName())
				: entry.getLinkName();
		return new ScannedLayer.Entry(ScannedLayer.Change.ADD, path,
				new LayerIndex.Winner(layer, ordinal, kind, target, entry.getMode(), entry.getLongUserId(),
						entry.getLongGroupId(), entry.getModTime().getTime() / 1000,
						(kind == LayerIndex.Kind.FILE) ? entry.getSize() : 0));
	}

	private static LayerIndex.Kind kindOf(TarArchiveEntry entry) {
		if (entry.isDirectory()) {
			return LayerIndex.Kind.DIRECTORY;
		}
		if (entry.isSymbolicLink()) {
			return LayerIndex.Kind.SYMLINK;
		}
		if (entry.isLink()) {
			return LayerIndex.Kind.HARDLINK;
		}
		if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()
				|| entry.getLinkFlag() == TarConstants.LF_GNUTYPE_SPARSE) {
			// /dev is bound at run time; a FIFO or sparse file in an image is not worth a
			// failed build
			return null;
		}
		return LayerIndex.Kind.FILE;
	}

}
