package org.whalemountain.sif.rootfs;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The first pass over the layers, bottom to top: which entry of which layer wins each
 * path once whiteouts, opaque directories and replacements are applied. Holds metadata
 * only, never file content, so memory grows with the number of paths, not their size.
 */
public final class LayerIndex {

	/** What an entry is; devices and FIFOs are dropped before they get here. */
	public enum Kind {

		DIRECTORY, FILE, SYMLINK, HARDLINK

	}

	/**
	 * The entry that wins a path, with the metadata directories are written from, and its
	 * content's size for progress.
	 */
	record Winner(int layer, int ordinal, Kind kind, String linkTarget, int mode, long uid, long gid, long mtime,
			long size) {
	}

	/**
	 * A hard link that must become a regular file: its target was replaced or removed
	 * above it.
	 */
	record Conversion(int layer, String target) {
	}

	private final TreeMap<String, Winner> winners = new TreeMap<>();

	void add(String path, Winner winner) {
		if (path.isEmpty()) {
			return;
		}
		Winner existing = this.winners.get(path);
		if (existing != null && existing.layer() < winner.layer() && existing.kind() == Kind.DIRECTORY
				&& winner.kind() != Kind.DIRECTORY) {
			removeBelow(path, winner.layer());
		}
		// a lower non-directory where this entry needs a directory is replaced by it
		for (String parent = TarPaths.parent(path); !parent.isEmpty(); parent = TarPaths.parent(parent)) {
			Winner ancestor = this.winners.get(parent);
			if (ancestor != null && ancestor.kind() != Kind.DIRECTORY && ancestor.layer() < winner.layer()) {
				this.winners.remove(parent);
			}
		}
		this.winners.put(path, winner);
	}

	/**
	 * {@code .wh.NAME}: NAME and everything below it go, as far as lower layers put them
	 * there.
	 */
	void whiteout(String path, int layer) {
		Winner existing = this.winners.get(path);
		if (existing != null && existing.layer() < layer) {
			this.winners.remove(path);
		}
		removeBelow(path, layer);
	}

	/**
	 * {@code .wh..wh..opq}: the directory keeps itself but loses what lower layers put in
	 * it.
	 */
	void opaque(String directory, int layer) {
		removeBelow(directory, layer);
	}

	Winner winner(String path) {
		return this.winners.get(path);
	}

	boolean wins(String path, int layer, int ordinal) {
		Winner winner = this.winners.get(path);
		return winner != null && winner.layer() == layer && winner.ordinal() == ordinal;
	}

	/** The bytes of regular-file content that win, which flattening writes. */
	long contentBytes() {
		return this.winners.values().stream().filter((w) -> w.kind() == Kind.FILE).mapToLong(Winner::size).sum();
	}

	/** Every winning directory, parents before children. */
	List<Map.Entry<String, Winner>> directories() {
		return this.winners.entrySet().stream().filter((e) -> e.getValue().kind() == Kind.DIRECTORY).toList();
	}

	/**
	 * The hard links whose target no longer is the file they were made from; each needs
	 * that file's content from its own layer.
	 */
	Set<Conversion> conversions() {
		Set<Conversion> conversions = new HashSet<>();
		this.winners.forEach((path, winner) -> {
			if (winner.kind() == Kind.HARDLINK && !linkHolds(winner)) {
				conversions.add(new Conversion(winner.layer(), winner.linkTarget()));
			}
		});
		return conversions;
	}

	/**
	 * Whether a hard link can stay a link: its target still wins, and is written before
	 * it.
	 */
	boolean linkHolds(Winner link) {
		Winner target = this.winners.get(link.linkTarget());
		return target != null && target.kind() != Kind.DIRECTORY && target.kind() != Kind.SYMLINK
				&& target.layer() <= link.layer();
	}

	private void removeBelow(String directory, int layer) {
		NavigableMap<String, Winner> below = directory.isEmpty() ? this.winners
				: this.winners.subMap(directory + "/", true, directory + "0", false);
		below.entrySet().removeIf((e) -> e.getValue().layer() < layer);
	}

}
