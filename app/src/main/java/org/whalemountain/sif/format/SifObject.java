package org.whalemountain.sif.format;

import java.nio.file.Path;

/**
 * One data object of a SIF file and where its bytes come from.
 *
 * @param dataType the descriptor data type, e.g. {@link Sif#DATA_DEFFILE}
 * @param name the descriptor name (at most 128 bytes of UTF-8)
 * @param content the bytes for small objects, or {@code null} when {@code file} holds
 * them
 * @param file a file with the bytes (the squashfs partition), or {@code null}
 * @param partition whether this is the primary system partition (aligned to 4096, extra
 * field filled)
 */
public record SifObject(int dataType, String name, byte[] content, Path file, boolean partition) {

	public static SifObject bytes(int dataType, String name, byte[] content) {
		return new SifObject(dataType, name, content.clone(), null, false);
	}

	public static SifObject squashfsPartition(Path file) {
		return new SifObject(Sif.DATA_PARTITION, "", null, file, true);
	}

}
