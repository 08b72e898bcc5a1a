package org.whalemountain.sif.rootfs;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Copies of one layer's hard-link targets whose links the {@link Flattener} must write as
 * files (the {@link LayerIndex}'s conversions). A link in a tar names a file earlier in
 * the same layer, which the stream has passed by the time the link comes, so the target's
 * content waits in a file of the spool directory until the layer is written; closing the
 * spool deletes them.
 */
final class HardLinkSpool implements Closeable {

	private final Set<LayerIndex.Conversion> conversions;

	private final Path directory;

	private final int layer;

	private final Map<String, Path> files = new HashMap<>();

	/**
	 * @param directory the build's own directory, on the disk whose free space the build
	 * was checked against
	 */
	HardLinkSpool(Set<LayerIndex.Conversion> conversions, Path directory, int layer) {
		this.conversions = conversions;
		this.directory = directory;
		this.layer = layer;
	}

	/**
	 * Copies the entry's content when a converted link will need it.
	 * @return the copy, or {@code null} when no link needs this entry
	 */
	Path keepIfNeeded(String path, TarArchiveEntry entry, InputStream content) throws IOException {
		if (!entry.isFile() || !this.conversions.contains(new LayerIndex.Conversion(this.layer, path))) {
			return null;
		}
		Path file = Files.createTempFile(this.directory, "hardlink", ".spool");
		// a layer may hold a path twice: a link refers to the latest copy before it, and
		// the earlier copy's file must go now, since the map forgets it
		Path earlier = this.files.put(path, file);
		if (earlier != null) {
			Files.deleteIfExists(earlier);
		}
		Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
		return file;
	}

	/**
	 * The kept content of a converted link's target.
	 * @throws ImageBuildException when the target came neither earlier in this layer nor
	 * anywhere in the image
	 */
	Path target(String link, String target) {
		Path file = this.files.get(target);
		if (file == null) {
			throw new ImageBuildException("The hard link '" + link + "' points at '" + target
					+ "', which is neither in its own layer before it nor in the image");
		}
		return file;
	}

	@Override
	public void close() throws IOException {
		for (Path file : this.files.values()) {
			Files.deleteIfExists(file);
		}
	}

}
