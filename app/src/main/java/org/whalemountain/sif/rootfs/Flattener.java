package org.whalemountain.sif.rootfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Turns an image's layers into one tar of its root filesystem, as a container runtime
 * would see it: whiteouts and opaque directories applied (and never written), a
 * non-directory replacing a whole subtree, hard links whose target was replaced written
 * as files, device nodes dropped. Two passes over the layer files: the first decides who
 * wins each path ({@link LayerIndex}), the second streams the winners out, directories
 * first. Nothing is extracted to disk; only the rare converted hard-link target is
 * spooled to a file in the spool directory, and deleted once its layer is written.
 * Flattening stops at the next entry once the thread is interrupted.
 */
public final class Flattener {

	private static final int UNREADABLE_SHOWN = 20;

	private final List<Path> layers;

	private final List<SyntheticEntry> synthetic;

	private final Path spoolDirectory;

	/**
	 * @param layers layer blobs bottom first (gzip, zstd or plain tar)
	 * @param synthetic entries added on top of the last layer
	 * @param spoolDirectory where converted hard-link targets wait for their links: the
	 * build's own directory, on the disk whose free space the build was checked against
	 */
	public Flattener(List<Path> layers, List<SyntheticEntry> synthetic, Path spoolDirectory) {
		this.layers = List.copyOf(layers);
		this.synthetic = List.copyOf(synthetic);
		this.spoolDirectory = spoolDirectory;
	}

	/**
	 * Writes the flattened tar (and closes {@code out}'s tar framing, not {@code out}).
	 * @throws ImageBuildException when an entry tries to leave the image
	 * @throws InterruptedIOException when the thread was interrupted
	 */
	public FlattenReport writeTo(OutputStream out) throws IOException {
		LayerIndex index = new LayerIndex();
		long dropped = indexLayers(index);
		int top = this.layers.size();
		for (int i = 0; i < this.synthetic.size(); i++) {
			SyntheticEntry entry = this.synthetic.get(i);
			index.add(entry.path(),
					new LayerIndex.Winner(top, i, entry.kind(), entry.linkTarget(), entry.mode(), 0, 0, 0));
		}
		TarWriter writer = new TarWriter(newTar(out));
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

	private long indexLayers(LayerIndex index) throws IOException {
		long dropped = 0;
		for (int layer = 0; layer < this.layers.size(); layer++) {
			try (TarArchiveInputStream tar = LayerStreams.open(this.layers.get(layer))) {
				int ordinal = 0;
				for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry(), ordinal++) {
					stopIfInterrupted();
					String path = TarPaths.normalize(entry.getName());
					String name = TarPaths.fileName(path);
					if (TarPaths.OPAQUE.equals(name)) {
						index.opaque(TarPaths.parent(path), layer);
					}
					else if (name.startsWith(TarPaths.WHITEOUT)) {
						String parent = TarPaths.parent(path);
						String hidden = name.substring(TarPaths.WHITEOUT.length());
						index.whiteout(parent.isEmpty() ? hidden : parent + "/" + hidden, layer);
					}
					else {
						LayerIndex.Kind kind = kindOf(entry);
						if (kind == null) {
							dropped++;
							continue;
						}
						String target = (kind == LayerIndex.Kind.HARDLINK)
								? TarPaths.linkTarget(entry.getName(), entry.getLinkName()) : entry.getLinkName();
						index.add(path, new LayerIndex.Winner(layer, ordinal, kind, target, entry.getMode(),
								entry.getLongUserId(), entry.getLongGroupId(), entry.getModTime().getTime() / 1000));
					}
				}
			}
		}
		return dropped;
	}

	private long emitLayers(LayerIndex index, TarWriter writer) throws IOException {
		Set<LayerIndex.Conversion> conversions = index.conversions();
		long converted = 0;
		for (int layer = 0; layer < this.layers.size(); layer++) {
			Map<String, Path> spooled = new HashMap<>();
			try (TarArchiveInputStream tar = LayerStreams.open(this.layers.get(layer))) {
				int ordinal = 0;
				for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry(), ordinal++) {
					stopIfInterrupted();
					String path = TarPaths.normalize(entry.getName());
					if (entry.isDirectory() || !index.wins(path, layer, ordinal)) {
						spoolIfNeeded(conversions, layer, path, entry, tar, spooled);
						continue;
					}
					LayerIndex.Winner winner = index.winner(path);
					if (winner.kind() == LayerIndex.Kind.HARDLINK && !index.linkHolds(winner)) {
						writer.fileFrom(path, entry, spooled(spooled, path, winner.linkTarget()));
						converted++;
					}
					else {
						Path copy = spoolIfNeeded(conversions, layer, path, entry, tar, spooled);
						if (copy != null) {
							writer.fileFrom(path, entry, copy);
						}
						else {
							writer.entry(path, entry, tar);
						}
					}
				}
			}
			finally {
				for (Path file : spooled.values()) {
					Files.deleteIfExists(file);
				}
			}
		}
		return converted;
	}

	private Path spoolIfNeeded(Set<LayerIndex.Conversion> conversions, int layer, String path, TarArchiveEntry entry,
			InputStream content, Map<String, Path> spooled) throws IOException {
		if (!entry.isFile() || !conversions.contains(new LayerIndex.Conversion(layer, path))) {
			return null;
		}
		Path file = Files.createTempFile(this.spoolDirectory, "hardlink", ".spool");
		// a layer may hold a path twice: a link refers to the latest copy before it, and
		// the earlier copy's file must go now, since the map forgets it
		Path earlier = spooled.put(path, file);
		if (earlier != null) {
			Files.deleteIfExists(earlier);
		}
		Files.copy(content, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		return file;
	}

	private static void stopIfInterrupted() throws InterruptedIOException {
		if (Thread.currentThread().isInterrupted()) {
			throw new InterruptedIOException("flattening was stopped");
		}
	}

	private static Path spooled(Map<String, Path> spooled, String link, String target) {
		Path file = spooled.get(target);
		if (file == null) {
			throw new ImageBuildException("The hard link '" + link + "' points at '" + target
					+ "', which is neither in its own layer before it nor in the image");
		}
		return file;
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

	private static TarArchiveOutputStream newTar(OutputStream out) {
		TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
		tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
		tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
		tar.setAddPaxHeadersForNonAsciiNames(true);
		return tar;
	}

}
