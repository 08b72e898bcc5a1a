package org.whalemountain.sif.rootfs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The {@link Flattener}'s first pass: reads the headers of every layer, bottom first,
 * into a {@link LayerIndex} that decides who wins each path. Whiteouts and opaque markers
 * become the index's deletions and are never entries themselves; device nodes, FIFOs and
 * sparse files are dropped and counted.
 */
final class LayerScan {

	private LayerScan() {
	}

	/**
	 * @param layers layer blobs bottom first
	 * @return how many entries were dropped
	 * @throws InterruptedIOException when the thread was interrupted
	 */
	static long index(List<Path> layers, LayerIndex index) throws IOException {
		long dropped = 0;
		for (int layer = 0; layer < layers.size(); layer++) {
			try (TarArchiveInputStream tar = LayerStreams.open(layers.get(layer))) {
				int ordinal = 0;
				for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry(), ordinal++) {
					stopIfInterrupted();
					if (!add(index, layer, ordinal, entry)) {
						dropped++;
					}
				}
			}
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
	 * @return {@code false} for an entry that was dropped
	 */
	private static boolean add(LayerIndex index, int layer, int ordinal, TarArchiveEntry entry) {
		String path = TarPaths.normalize(entry.getName());
		String name = TarPaths.fileName(path);
		if (TarPaths.OPAQUE.equals(name)) {
			index.opaque(TarPaths.parent(path), layer);
			return true;
		}
		if (name.startsWith(TarPaths.WHITEOUT)) {
			String parent = TarPaths.parent(path);
			String hidden = name.substring(TarPaths.WHITEOUT.length());
			index.whiteout(parent.isEmpty() ? hidden : parent + "/" + hidden, layer);
			return true;
		}
		LayerIndex.Kind kind = kindOf(entry);
		if (kind == null) {
			return false;
		}
		String target = (kind == LayerIndex.Kind.HARDLINK) ? TarPaths.linkTarget(entry.getName(), entry.getLinkName())
				: entry.getLinkName();
		index.add(path, new LayerIndex.Winner(layer, ordinal, kind, target, entry.getMode(), entry.getLongUserId(),
				entry.getLongGroupId(), entry.getModTime().getTime() / 1000));
		return true;
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
