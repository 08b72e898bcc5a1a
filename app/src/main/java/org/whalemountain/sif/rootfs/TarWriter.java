package org.whalemountain.sif.rootfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.LongConsumer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes the flattened tar's entries with their metadata, and notes what the build log
 * should say.
 */
final class TarWriter {

	private static final int MAX_UNREADABLE_LISTED = 100;

	private final TarArchiveOutputStream tar;

	private final List<String> unreadable = new ArrayList<>();

	private long unreadableCount;

	private long entries;

	private final LongConsumer contentWritten;

	private long content;

	/**
	 * @param contentWritten told the file content bytes written so far, about every
	 * megabyte
	 */
	TarWriter(TarArchiveOutputStream tar, LongConsumer contentWritten) {
		this.tar = tar;
		this.contentWritten = contentWritten;
	}

	void directory(String path, LayerIndex.Winner winner) throws IOException {
		TarArchiveEntry entry = new TarArchiveEntry(path + "/", TarConstants.LF_DIR);
		entry.setMode(winner.mode());
		owner(entry, winner.uid(), winner.gid());
		entry.setModTime(winner.mtime() * 1000);
		put(entry, null);
	}

	/** A regular file, symlink or hard link from a layer, copied as it is. */
	void entry(String path, TarArchiveEntry source, InputStream content) throws IOException {
		TarArchiveEntry entry = new TarArchiveEntry(path, source.getLinkFlag());
		copyMetadata(source, entry);
		if (source.isSymbolicLink()) {
			entry.setLinkName(source.getLinkName());
			put(entry, null);
		}
		else if (source.isLink()) {
			entry.setLinkName(TarPaths.linkTarget(source.getName(), source.getLinkName()));
			put(entry, null);
		}
		else {
			entry.setSize(source.getSize());
			noteReadability(path, source.getMode());
			put(entry, content);
		}
	}

	/**
	 * A regular file whose content was spooled: a converted hard link, or a link target
	 * kept for one.
	 */
	void fileFrom(String path, TarArchiveEntry source, Path content) throws IOException {
		TarArchiveEntry entry = new TarArchiveEntry(path, TarConstants.LF_NORMAL);
		copyMetadata(source, entry);
		entry.setSize(Files.size(content));
		noteReadability(path, source.getMode());
		try (InputStream in = Files.newInputStream(content)) {
			put(entry, in);
		}
	}

	void synthetic(SyntheticEntry source) throws IOException {
		boolean link = source.kind() == LayerIndex.Kind.SYMLINK;
		TarArchiveEntry entry = new TarArchiveEntry(source.path(),
				link ? TarConstants.LF_SYMLINK : TarConstants.LF_NORMAL);
		entry.setMode(source.mode());
		owner(entry, 0, 0);
		entry.setModTime(new Date());
		if (link) {
			entry.setLinkName(source.linkTarget());
			put(entry, null);
		}
		else {
			entry.setSize(source.content().length);
			put(entry, new java.io.ByteArrayInputStream(source.content()));
		}
	}

	void finish() throws IOException {
		this.tar.finish();
		this.tar.flush();
	}

	FlattenReport report(long dropped, long converted, int shown) {
		return new FlattenReport(this.entries, dropped, converted,
				this.unreadable.subList(0, Math.min(shown, this.unreadable.size())), this.unreadableCount);
	}

	private void put(TarArchiveEntry entry, InputStream content) throws IOException {
		this.tar.putArchiveEntry(entry);
		if (content != null) {
			long copied = copy(content, entry.getSize());
			if (copied != entry.getSize()) {
				throw new ImageBuildException(
						"The layer entry '" + entry.getName() + "' is shorter than its header says");
			}
		}
		this.tar.closeArchiveEntry();
		this.entries++;
	}

	private long copy(InputStream content, long size) throws IOException {
		byte[] buffer = new byte[1 << 16];
		long copied = 0;
		while (copied < size) {
			int read = content.read(buffer, 0, (int) Math.min(buffer.length, size - copied));
			if (read < 0) {
				break;
			}
			this.tar.write(buffer, 0, read);
			copied += read;
			long before = this.content;
			this.content += read;
			if ((before >> 20) != (this.content >> 20)) {
				this.contentWritten.accept(this.content);
			}
		}
		return copied;
	}

	private void noteReadability(String path, int mode) {
		if ((mode & 0004) == 0) {
			this.unreadableCount++;
			if (this.unreadable.size() < MAX_UNREADABLE_LISTED) {
				this.unreadable.add("/" + path);
			}
		}
	}

	private static void copyMetadata(TarArchiveEntry source, TarArchiveEntry target) {
		target.setMode(source.getMode());
		owner(target, source.getLongUserId(), source.getLongGroupId());
		target.setModTime(source.getModTime());
	}

	private static void owner(TarArchiveEntry entry, long uid, long gid) {
		entry.setUserId(uid);
		entry.setGroupId(gid);
	}

}
