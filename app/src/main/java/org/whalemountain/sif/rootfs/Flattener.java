package org.whalemountain.sif.rootfs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Turns an image's layers into one tar of its root filesystem, as a container runtime
 * would see it: whiteouts and opaque directories applied (and never written), a
 * non-directory replacing a whole subtree, hard links whose target was replaced written
 * as files, device nodes dropped. Two passes over each layer: {@link LayerScan} reads its
 * headers (a build does so while the layer downloads, see {@link ScannedLayer#scan}), the
 * scans decide who wins each path ({@link LayerIndex}), then this streams the winners out
 * of the layer files, directories first: each layer is decompressed once here. Nothing is
 * extracted to disk; only the rare converted hard-link target waits in a
 * {@link HardLinkSpool}. Flattening stops at the next entry once the thread is
 * interrupted.
 */
public final class Flattener {

	private static final int UNREADABLE_SHOWN = 20;

	private final List<Path> layers;

	private final List<ScannedLayer> scanned;

	private final List<SyntheticEntry> synthetic;

	private final Path spoolDirectory;

	/**
	 * @param layers layer blobs bottom first (gzip, zstd or plain tar)
	 * @param synthetic entries added on top of the last layer
	 * @param spoolDirectory where converted hard-link targets wait for their links: the
	 * build's own directory, on the disk whose free space the build was checked against
	 */
	public Flattener(List<Path> layers, List<SyntheticEntry> synthetic, Path spoolDirectory) {
		this(layers, null, synthetic, spoolDirectory);
	}

	private Flattener(List<Path> layers, List<ScannedLayer> scanned, List<SyntheticEntry> synthetic,
			Path spoolDirectory) {
		this.layers = List.copyOf(layers);
		this.scanned = (scanned != null) ? List.copyOf(scanned) : null;
		this.synthetic = List.copyOf(synthetic);
		this.spoolDirectory = spoolDirectory;
	}

	/**
	 * Flattens layers whose headers were read already, each while it downloaded: the
	 * write pass is the only one left.
	 * @param scanned the layers bottom first, each with the file that holds its blob
	 */
	public static Flattener ofScanned(List<ScannedLayer> scanned, List<SyntheticEntry> synthetic, Path spoolDirectory) {
		return new Flattener(scanned.stream().map(ScannedLayer::file).toList(), scanned, synthetic, spoolDirectory);
	}

	/**
	 * Writes the flattened tar (and closes {@code out}'s tar framing, not {@code out}).
	 * @throws ImageBuildException when an entry tries to leave the image
	 * @throws java.io.InterruptedIOException when the thread was interrupted
	 */
	public FlattenReport writeTo(OutputStream out) throws IOException {
		return writeTo(out, Progress.NONE);
	}

	/**
	 * Like {@link #writeTo(OutputStream)}, telling {@code progress} how many content
	 * bytes there are to write and how many are written.
	 */
	public FlattenReport writeTo(OutputStream out, Progress progress) throws IOException {
		LayerIndex index = new LayerIndex();
		long dropped = LayerScan.index((this.scanned != null) ? this.scanned : LayerScan.scan(this.layers), index);
		int top = this.layers.size();
		for (int i = 0; i < this.synthetic.size(); i++) {
			SyntheticEntry entry = this.synthetic.get(i);
			index.add(entry.path(),
					new LayerIndex.Winner(top, i, entry.kind(), entry.linkTarget(), entry.mode(), 0, 0, 0, 0));
		}
		progress.total(index.contentBytes());
		TarWriter writer = new TarWriter(newTar(out), progress::written);
		for (Map.Entry<String, LayerIndex.Winner> directory : index.directories()) {
			writer.directory(directory.getKey(), directory.getValue());
		}
		long converted = emitLayers(index, writer);
		for (int i = 0; i < this.synthetic.size(); i++) {
			SyntheticEntry entry = this.synthetic.get(i);
			if (entry.kind() != LayerIndex.Kind.DIRECTORY && index.wins(entry.path(), top, i)) {
				writer.synthetic(entry);
			}
		}
		writer.finish();
		return writer.report(dropped, converted, UNREADABLE_SHOWN);
	}

	private long emitLayers(LayerIndex index, TarWriter writer) throws IOException {
		Set<LayerIndex.Conversion> conversions = index.conversions();
		long converted = 0;
		for (int layer = 0; layer < this.layers.size(); layer++) {
			try (HardLinkSpool spool = new HardLinkSpool(conversions, this.spoolDirectory, layer);
					TarArchiveInputStream tar = LayerStreams.open(this.layers.get(layer))) {
				int ordinal = 0;
				for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry(), ordinal++) {
					LayerScan.stopIfInterrupted();
					String path = TarPaths.normalize(entry.getName());
					if (entry.isDirectory() || !index.wins(path, layer, ordinal)) {
						spool.keepIfNeeded(path, entry, tar);
						continue;
					}
					LayerIndex.Winner winner = index.winner(path);
					if (winner.kind() == LayerIndex.Kind.HARDLINK && !index.linkHolds(winner)) {
						writer.fileFrom(path, entry, spool.target(path, winner.linkTarget()));
						converted++;
						continue;
					}
					Path copy = spool.keepIfNeeded(path, entry, tar);
					if (copy != null) {
						writer.fileFrom(path, entry, copy);
					}
					else {
						writer.entry(path, entry, tar);
					}
				}
			}
		}
		return converted;
	}

	private static TarArchiveOutputStream newTar(OutputStream out) {
		TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
		tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
		tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
		tar.setAddPaxHeadersForNonAsciiNames(true);
		return tar;
	}

	/** How far the write pass is, in bytes of file content. */
	public interface Progress {

		Progress NONE = new Progress() {
		};

		/** Called once, before anything is written. */
		default void total(long contentBytes) {
		}

		/** Called as content is written, with the bytes written so far. */
		default void written(long contentBytes) {
		}

	}

}
