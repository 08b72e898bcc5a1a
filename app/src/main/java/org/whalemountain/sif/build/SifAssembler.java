package org.whalemountain.sif.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.whalemountain.sif.format.Sif;
import org.whalemountain.sif.format.SifObject;
import org.whalemountain.sif.format.SifWriter;

/**
 * Wraps a squashfs into a SIF with the objects {@code apptainer build} writes (definition
 * file, {@code oci-config.json}, the primary partition) and moves it into place
 * atomically, so a half-written file is never served.
 */
public final class SifAssembler {

	private SifAssembler() {
	}

	/**
	 * @return the SHA-256 of the file, hex
	 */
	public static String assemble(String definition, byte[] ociConfig, Path squashfs, Path target, long created)
			throws IOException {
		Path partial = target.resolveSibling(target.getFileName() + ".partial");
		MessageDigest sha256 = sha256();
		try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha256)) {
			SifWriter.write(out,
					List.of(SifObject.bytes(Sif.DATA_DEFFILE, "", definition.getBytes(StandardCharsets.UTF_8)),
							SifObject.bytes(Sif.DATA_GENERIC_JSON, "oci-config.json", ociConfig),
							SifObject.squashfsPartition(squashfs)),
					created, UUID.randomUUID());
		}
		Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		return HexFormat.of().formatHex(sha256.digest());
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
