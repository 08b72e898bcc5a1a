package org.whalemountain.sif.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.whalemountain.sif.format.Sif;
import org.whalemountain.sif.format.SifObject;
import org.whalemountain.sif.format.SifWriter;

/**
 * Makes a SIF with the objects {@code apptainer build} writes (definition file,
 * {@code oci-config.json}, the primary partition) around a squashfs that mksquashfs
 * writes straight into the file at {@link #partitionOffset()}: the partition is never
 * copied. The file grows as {@code <target>.partial} beside the target and is moved into
 * place atomically once whole, so a half-written file is never served; {@link #close()}
 * removes what a failed build left.
 */
public final class SifAssembler implements AutoCloseable {

	private final List<SifObject> front;

	private final long partitionOffset;

	private final Path partial;

	private final Path target;

	private boolean moved;

	/**
	 * @param target where the finished file goes, on the same disk as the partial file
	 */
	public SifAssembler(String definition, byte[] ociConfig, Path target) throws IOException {
		this.front = List.of(SifObject.bytes(Sif.DATA_DEFFILE, "", definition.getBytes(StandardCharsets.UTF_8)),
				SifObject.bytes(Sif.DATA_GENERIC_JSON, "oci-config.json", ociConfig));
		this.partitionOffset = SifWriter.partitionOffset(objects(0));
		this.target = target;
		this.partial = target.resolveSibling(target.getFileName() + ".partial");
	}

	/** The file mksquashfs writes the partition into. */
	public Path partial() {
		return this.partial;
	}

	/** Where in {@link #partial()} the partition starts. */
	public long partitionOffset() {
		return this.partitionOffset;
	}

	/**
	 * Writes header, descriptors and the small objects before the partition mksquashfs
	 * wrote, and moves the file into place.
	 * @return the SHA-256 of the file, hex
	 */
	public String finish(long created) throws IOException {
		long partition = Files.size(this.partial) - this.partitionOffset;
		if (partition <= 0) {
			throw new IOException("mksquashfs wrote no partition into " + this.partial);
		}
		ByteArrayOutputStream head = new ByteArrayOutputStream((int) this.partitionOffset);
		SifWriter.writeFront(head, objects(partition), created, UUID.randomUUID());
		MessageDigest sha256 = sha256();
		try (FileChannel file = FileChannel.open(this.partial, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			ByteBuffer bytes = ByteBuffer.wrap(head.toByteArray());
			while (bytes.hasRemaining()) {
				file.write(bytes, bytes.position());
			}
			// one read of the file for its ETag; from the page cache, as mksquashfs just
			// wrote it
			ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
			file.position(0);
			while (file.read(buffer) >= 0) {
				buffer.flip();
				sha256.update(buffer);
				buffer.clear();
			}
		}
		Files.move(this.partial, this.target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		this.moved = true;
		return HexFormat.of().formatHex(sha256.digest());
	}

	/** Removes the partial file unless it was moved into place. */
	@Override
	public void close() throws IOException {
		if (!this.moved) {
			Files.deleteIfExists(this.partial);
		}
	}

	private List<SifObject> objects(long partitionSize) {
		return List.of(this.front.get(0), this.front.get(1), SifObject.squashfsWrittenInPlace(partitionSize));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
