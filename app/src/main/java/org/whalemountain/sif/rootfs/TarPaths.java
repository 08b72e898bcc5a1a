package org.whalemountain.sif.rootfs;

import java.util.ArrayList;
import java.util.List;

/**
 * Entry names as layers write them ({@code ./usr/bin/}, {@code usr/bin}) brought to one
 * form ({@code usr/bin}), and refused when they would leave the root.
 */
final class TarPaths {

	static final String WHITEOUT = ".wh.";

	static final String OPAQUE = ".wh..wh..opq";

	private TarPaths() {
	}

	/**
	 * @return the normalized path, or the empty string for the root itself
	 * @throws ImageBuildException for a {@code ..} segment
	 */
	static String normalize(String name) {
		List<String> parts = new ArrayList<>();
		for (String part : name.split("/")) {
			if (part.isEmpty() || ".".equals(part)) {
				continue;
			}
			if ("..".equals(part)) {
				throw new ImageBuildException("The layer entry '" + name + "' climbs out of the image with '..'");
			}
			parts.add(part);
		}
		return String.join("/", parts);
	}

	/**
	 * A hard link's target: relative to the image root, never absolute.
	 * @throws ImageBuildException for an absolute target or a {@code ..} segment
	 */
	static String linkTarget(String entry, String target) {
		if (target.startsWith("/")) {
			throw new ImageBuildException(
					"The hard link '" + entry + "' points at the absolute path '" + target + "' outside the image");
		}
		return normalize(target);
	}

	static String parent(String path) {
		int slash = path.lastIndexOf('/');
		return (slash < 0) ? "" : path.substring(0, slash);
	}

	static String fileName(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	/** {@code child} lies below {@code directory} (the root contains everything). */
	static boolean isBelow(String child, String directory) {
		return directory.isEmpty() ? !child.isEmpty() : child.startsWith(directory + "/");
	}

}
