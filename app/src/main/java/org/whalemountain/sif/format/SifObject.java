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
 * @param writtenSize for a partition already written into the SIF file at its place, its
 * size; otherwise -1
 */
public record SifObject(int dataType, String name, byte[] content, Path file, boolean partition, long writtenSize) {

	public static SifObject bytes(int dataType, String name, byte[] content) {
		return new SifObject(dataType, name, content.clone(), null, false, -1);
	}

	public static SifObject squashfsPartition(Path file) {
		return new SifObject(Sif.DATA_PARTITION, "", null, file, true, -1);
	}

	/**
	 * A squashfs partition that mksquashfs wrote into the SIF file itself, at the offset
	 * {@link SifWriter#partitionOffset} gave.
	 */
	public static SifObject squashfsWrittenInPlace(long size) {
		return new SifObject(Sif.DATA_PARTITION, "", null, null, true, size);
	}

	long size() throws java.io.IOException {
		if (this.content != null) {
			return this.content.length;
		}
		return (this.file != null) ? java.nio.file.Files.size(this.file) : this.writtenSize;
	}

}
