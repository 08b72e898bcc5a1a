package org.whalemountain.workloads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import org.whalemountain.platform.InvalidInputException;

/**
 * The tar an upload becomes: exactly one regular file whose name is a single path
 * component, so that unpacking it cannot write anywhere but the chosen directory.
 */
final class UploadTars {

	private static final Pattern DIRECTORY = Pattern.compile("/([^/\\x00]+/?)*");

	private UploadTars() {
	}

	static String fileName(String name) {
		if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
				|| name.contains("\\") || name.contains("\0") || name.length() > 255) {
			throw new InvalidInputException("invalid-file-name", "file",
					"A file name is one path component: no '/', not '.' or '..'.");
		}
		return name;
	}

	static String directory(String path) {
		if (path == null || !DIRECTORY.matcher(path).matches() || ("/" + path + "/").contains("/../")
				|| ("/" + path + "/").contains("/./")) {
			throw new InvalidInputException("invalid-path", "path",
					"The path is an absolute directory in the container without '.' or '..', e.g. /tmp.");
		}
		return path;
	}

	static byte[] tar(String name, byte[] content) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length + 1024);
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			TarArchiveEntry entry = new TarArchiveEntry(fileName(name), true);
			entry.setMode(0100644);
			entry.setSize(content.length);
			tar.putArchiveEntry(entry);
			tar.write(content);
			tar.closeArchiveEntry();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Writing a tar to memory cannot fail", ex);
		}
		return bytes.toByteArray();
	}

}
