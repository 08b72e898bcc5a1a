package org.whalemountain.workloads.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Gives the files of a tar to a container's user before dockerd unpacks it. dockerd can
 * do so itself ({@code copyUIDGID}), but it looks the user up by name, in the container's
 * {@code /etc/passwd} and then the host's, and so refuses a numeric {@code uid:gid} that
 * neither lists, which is exactly how the service runs containers with a home directory.
 * Pure.
 */
final class TarOwners {

	private static final Pattern NUMERIC = Pattern.compile("(\\d+)(?::(\\d+))?");

	private TarOwners() {
	}

	/**
	 * The numbers of a container's {@code Config.User}: {@code uid} or {@code uid:gid}; a
	 * uid alone has group 0, as Docker runs it when no {@code /etc/passwd} names it.
	 * @return {@code null} for a user name or none
	 */
	static int[] numeric(String user) {
		Matcher matcher = NUMERIC.matcher((user != null) ? user : "");
		if (!matcher.matches()) {
			return null;
		}
		int uid = Integer.parseInt(matcher.group(1));
		int gid = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : 0;
		return new int[] { uid, gid };
	}

	/** The same tar with every entry owned by {@code uid:gid}, read into memory. */
	static InputStream owned(InputStream tar, int uid, int gid) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveInputStream in = new TarArchiveInputStream(tar);
				TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
			out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
			for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entry.setUserId(uid);
				entry.setGroupId(gid);
				// dockerd goes by the numbers; names would only mislead a reader
				entry.setUserName("");
				entry.setGroupName("");
				out.putArchiveEntry(entry);
				in.transferTo(out);
				out.closeArchiveEntry();
			}
		}
		catch (IOException ex) {
			// the caller's own bytes, in memory: a broken tar is a bug, not a Docker
			// failure
			throw new IllegalArgumentException("The tar to copy in cannot be read", ex);
		}
		return new ByteArrayInputStream(bytes.toByteArray());
	}

}
