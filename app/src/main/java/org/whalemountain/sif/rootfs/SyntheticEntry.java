package org.whalemountain.sif.rootfs;

/**
 * A file the service adds on top of the image's layers (the {@code /.singularity.d} tree,
 * empty {@code /etc/hosts}): it wins over anything the image has at that path.
 *
 * @param path normalized, relative to the root
 * @param mode permission bits
 * @param content the bytes of a file, empty otherwise
 * @param linkTarget the target of a symlink, {@code null} otherwise
 */
public record SyntheticEntry(String path, LayerIndex.Kind kind, int mode, byte[] content, String linkTarget) {

	public static SyntheticEntry directory(String path, int mode) {
		return new SyntheticEntry(path, LayerIndex.Kind.DIRECTORY, mode, new byte[0], null);
	}

	public static SyntheticEntry file(String path, int mode, byte[] content) {
		return new SyntheticEntry(path, LayerIndex.Kind.FILE, mode, content.clone(), null);
	}

	public static SyntheticEntry symlink(String path, String target) {
		return new SyntheticEntry(path, LayerIndex.Kind.SYMLINK, 0777, new byte[0], target);
	}

}
