package org.whalemountain.sif;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The limits a build must pass before it downloads anything, each a check of its own: the
 * image's size as its manifest states it, and the free space on the disks the build will
 * write to. A disk that fills up takes the store, and with the embedded database its data
 * too, down with it.
 */
@Component
class BuildLimits {

	private final SifProperties properties;

	private final SifStore store;

	BuildLimits(SifProperties properties, SifStore store) {
		this.properties = properties;
		this.store = store;
	}

	/**
	 * @param imageBytes the compressed size the manifest states
	 * @throws BuildRefusedException {@code sif-image-too-large}, never worth a retry
	 */
	void checkSize(long imageBytes) {
		long limit = this.properties.maxImageSize().toBytes();
		if (imageBytes > limit) {
			throw new BuildRefusedException("sif-image-too-large",
					"The image is " + human(imageBytes) + ", more than the " + human(limit)
							+ " SIF builds take (wm.sif.max-image-size); a smaller image, or fewer and smaller"
							+ " layers, gets a SIF.",
					false);
		}
	}

	/**
	 * The layers go to the work directory, the SIF (mksquashfs writes its partition into
	 * it) to the store: each about the compressed image's size. What is left must stay
	 * above {@code wm.sif.min-free-disk}.
	 * @throws BuildRefusedException {@code sif-disk-low}, worth a retry once space is
	 * freed
	 */
	void checkFreeDisk(long imageBytes) {
		Map<FileStore, Long> needed = new LinkedHashMap<>();
		needed.merge(fileStore(this.store.workRoot()), imageBytes, Long::sum);
		needed.merge(fileStore(this.store.storeRoot()), imageBytes, Long::sum);
		long keep = this.properties.minFreeDisk().toBytes();
		for (Map.Entry<FileStore, Long> disk : needed.entrySet()) {
			long free = usableSpace(disk.getKey());
			if (free - disk.getValue() < keep) {
				throw new BuildRefusedException("sif-disk-low",
						"The SIF builder's disk has " + human(free) + " free; this build needs about "
								+ human(disk.getValue()) + " and must leave " + human(keep)
								+ " (wm.sif.min-free-disk). It is tried again a few times; if it keeps"
								+ " failing, tell the administrators.",
						true);
			}
		}
	}

	private static FileStore fileStore(Path dir) {
		try {
			return Files.getFileStore(Files.createDirectories(dir));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long usableSpace(FileStore disk) {
		try {
			return disk.getUsableSpace();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Decimal units, as the console shows sizes. */
	static String human(long bytes) {
		String[] units = { "bytes", "kB", "MB", "GB", "TB", "PB", "EB" };
		double value = bytes;
		int unit = 0;
		while (Math.abs(value) >= 1000 && unit < units.length - 1) {
			value /= 1000;
			unit++;
		}
		return (unit == 0) ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

}
