package org.whalemountain.sif.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes a SIF file: global header, descriptor table, then the objects, partitions
 * aligned to 4096 bytes. Streams the partition file through; memory stays flat whatever
 * the image size.
 */
public final class SifWriter {

	private SifWriter() {
	}

	/**
	 * @param out where the SIF goes, written front to back
	 * @param objects at most {@link Sif#DESCRIPTORS}, in file order
	 * @param createdEpochSeconds creation and modification time of the file and objects
	 * @param uuid the file's UUID
	 */
	public static void write(OutputStream out, List<SifObject> objects, long createdEpochSeconds, UUID uuid)
			throws IOException {
		List<Placed> placed = place(objects);
		long position = writeHeadAndSmallObjects(out, placed, createdEpochSeconds, uuid);
		// the objects the front did not hold: the partition and whatever follows it
		for (Placed object : placed) {
			if (object.offset() < position) {
				continue;
			}
			out.write(new byte[(int) (object.offset() - position)]);
			if (object.object().content() != null) {
				out.write(object.object().content());
			}
			else {
				try (InputStream in = Files.newInputStream(object.object().file())) {
					in.transferTo(out);
				}
			}
			position = object.end();
		}
	}

	/**
	 * Where the partition of these objects starts: mksquashfs writes it there before the
	 * rest of the file exists ({@link #writeFront}).
	 * @param objects the small objects, then a partition of any size last
	 */
	public static long partitionOffset(List<SifObject> objects) throws IOException {
		List<Placed> placed = place(objects);
		Placed last = placed.get(placed.size() - 1);
		if (!last.object().partition()) {
			throw new IllegalArgumentException("The partition must be the last object");
		}
		return last.offset();
	}

	/**
	 * Writes everything before the partition: header, descriptors and the small objects,
	 * for a partition that was written in place
	 * ({@link SifObject#squashfsWrittenInPlace}) at {@link #partitionOffset}.
	 * @param out where the file's first bytes go
	 */
	public static void writeFront(OutputStream out, List<SifObject> objects, long createdEpochSeconds, UUID uuid)
			throws IOException {
		List<Placed> placed = place(objects);
		if (placed.stream().anyMatch((p) -> p.object().file() != null)) {
			throw new IllegalArgumentException("Only a partition written in place may follow the front");
		}
		long position = writeHeadAndSmallObjects(out, placed, createdEpochSeconds, uuid);
		Placed last = placed.get(placed.size() - 1);
		out.write(new byte[(int) (last.offset() - position)]);
	}

	/**
	 * Header, descriptors and every object held in memory, which come before any
	 * partition.
	 * @return the position after them
	 */
	private static long writeHeadAndSmallObjects(OutputStream out, List<Placed> placed, long created, UUID uuid)
			throws IOException {
		long end = placed.isEmpty() ? Sif.DATA_OFFSET : placed.get(placed.size() - 1).end();
		out.write(header(placed, end, created, uuid));
		out.write(new byte[Sif.DESCRIPTORS_OFFSET - Sif.HEADER_SIZE]);
		out.write(descriptors(placed, created));
		long position = Sif.DATA_OFFSET;
		for (Placed object : placed) {
			if (object.object().content() == null) {
				break;
			}
			out.write(new byte[(int) (object.offset() - position)]);
			out.write(object.object().content());
			position = object.end();
		}
		return position;
	}

	/**
	 * Where each object lands: right after the previous one, partitions on a 4096
	 * boundary.
	 */
	static List<Placed> place(List<SifObject> objects) throws IOException {
		if (objects.size() > Sif.DESCRIPTORS) {
			throw new IllegalArgumentException("A SIF holds at most " + Sif.DESCRIPTORS + " objects");
		}
		List<Placed> placed = new ArrayList<>();
		long position = Sif.DATA_OFFSET;
		for (SifObject object : objects) {
			long size = object.size();
			long offset = object.partition() ? align(position) : position;
			placed.add(new Placed(object, offset, size, offset - position + size));
			position = offset + size;
		}
		return placed;
	}

	private static byte[] header(List<Placed> placed, long end, long created, UUID uuid) {
		ByteBuffer header = ByteBuffer.allocate(Sif.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
		putPadded(header, Sif.LAUNCH, 32);
		putPadded(header, "SIF_MAGIC", 10);
		putPadded(header, "01", 3);
		putPadded(header, placed.stream().anyMatch((p) -> p.object().partition()) ? Sif.ARCH_AMD64 : "00", 3);
		ByteBuffer uuidBytes = ByteBuffer.allocate(16)
			.putLong(uuid.getMostSignificantBits())
			.putLong(uuid.getLeastSignificantBits());
		header.put(uuidBytes.array());
		header.putLong(created);
		header.putLong(created);
		header.putLong(Sif.DESCRIPTORS - placed.size());
		header.putLong(Sif.DESCRIPTORS);
		header.putLong(Sif.DESCRIPTORS_OFFSET);
		header.putLong((long) Sif.DESCRIPTORS * Sif.DESCRIPTOR_SIZE);
		header.putLong(Sif.DATA_OFFSET);
		header.putLong(end - Sif.DATA_OFFSET);
		return header.array();
	}

	private static byte[] descriptors(List<Placed> placed, long created) {
		ByteBuffer table = ByteBuffer.allocate(Sif.DESCRIPTORS * Sif.DESCRIPTOR_SIZE).order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i < placed.size(); i++) {
			Placed object = placed.get(i);
			table.position(i * Sif.DESCRIPTOR_SIZE);
			table.putInt(object.object().dataType());
			table.put((byte) 1);
			table.putInt(i + 1);
			table.putInt(Sif.GROUP_1);
			table.putInt(0);
			table.putLong(object.offset());
			table.putLong(object.size());
			table.putLong(object.sizeWithPadding());
			table.putLong(created);
			table.putLong(created);
			table.putLong(0);
			table.putLong(0);
			putPadded(table, object.object().name(), 128);
			if (object.object().partition()) {
				table.putInt(Sif.FS_SQUASH);
				table.putInt(Sif.PART_PRIMSYS);
				putPadded(table, Sif.ARCH_AMD64, 3);
			}
		}
		return table.array();
	}

	private static void putPadded(ByteBuffer buffer, String value, int width) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		if (bytes.length >= width && width > 3) {
			throw new IllegalArgumentException("'" + value + "' does not fit in " + width + " bytes");
		}
		int start = buffer.position();
		buffer.put(bytes, 0, Math.min(bytes.length, width));
		buffer.position(start + width);
	}

	private static long align(long position) {
		long remainder = position % Sif.PARTITION_ALIGNMENT;
		return (remainder == 0) ? position : position + Sif.PARTITION_ALIGNMENT - remainder;
	}

	/** An object with its final offset and sizes. */
	record Placed(SifObject object, long offset, long size, long sizeWithPadding) {

		long end() {
			return this.offset + this.size;
		}

	}

}
