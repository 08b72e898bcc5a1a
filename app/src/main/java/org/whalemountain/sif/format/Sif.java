package org.whalemountain.sif.format;

/**
 * Constants of the SIF format (sylabs/sif v2), as the reference {@code siftool} reads
 * them.
 */
public final class Sif {

	public static final int HEADER_SIZE = 128;

	public static final int DESCRIPTORS_OFFSET = 4096;

	public static final int DESCRIPTOR_SIZE = 585;

	public static final int DESCRIPTORS = 48;

	/** Where data objects start: right after the descriptor table. */
	public static final long DATA_OFFSET = DESCRIPTORS_OFFSET + (long) DESCRIPTORS * DESCRIPTOR_SIZE;

	public static final int PARTITION_ALIGNMENT = 4096;

	public static final int DATA_DEFFILE = 0x4001;

	public static final int DATA_PARTITION = 0x4004;

	public static final int DATA_GENERIC_JSON = 0x4006;

	public static final int FS_SQUASH = 1;

	public static final int PART_PRIMSYS = 2;

	/** Group 1, as {@code apptainer build} puts every object in it. */
	public static final int GROUP_1 = 0xF0000001;

	public static final String LAUNCH = "#!/usr/bin/env run-singularity\n";

	public static final String ARCH_AMD64 = "02";

	private Sif() {
	}

}
