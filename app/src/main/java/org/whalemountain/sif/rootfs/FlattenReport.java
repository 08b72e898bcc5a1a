package org.whalemountain.sif.rootfs;

import java.util.List;

/**
 * What flattening did, for the build log.
 *
 * @param entries entries written
 * @param droppedDevices device nodes and FIFOs left out ({@code /dev} is bound at run
 * time)
 * @param convertedHardLinks hard links written as regular files because their target was
 * replaced or removed above them
 * @param unreadable regular files only their owner can read: with every file owned by
 * root in the image, a user cannot read them at run time (the first few)
 * @param unreadableCount how many such files there are
 */
public record FlattenReport(long entries, long droppedDevices, long convertedHardLinks, List<String> unreadable,
		long unreadableCount) {

	public FlattenReport {
		unreadable = List.copyOf(unreadable);
	}

}
