package org.whalemountain.workloads.docker;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.VolumeUnavailableException;

/**
 * The owner's home volume on this Docker host: a directory named by
 * {@code wm.workloads.home-mount.source}, created on first use with mode 0700 and owned
 * by the numbers the container runs as (when the service may change owners), so that the
 * owner's containers can write there and nobody else's can. The service must see the path
 * as the Docker host does: it runs on that host, or shares the directory with it.
 */
final class DockerHomeDirectories {

	private static final Logger log = LoggerFactory.getLogger(DockerHomeDirectories.class);

	/** LDAP uids as POSIX accepts them: never a slash, never only dots. */
	private static final Pattern USERNAME = Pattern.compile("[a-z_][a-z0-9._-]*");

	private final String template;

	/**
	 * @param template the host directory with {@code {user}} for the owner, or empty when
	 * no home volume is configured
	 */
	DockerHomeDirectories(String template) {
		this.template = template;
	}

	/**
	 * The owner's directory, made if missing.
	 * @throws VolumeUnavailableException if none is configured, the owner or the numbers
	 * cannot have one, or it cannot be made
	 */
	String prepare(String owner, ContainerSpec.RunAs runAs) {
		if (this.template.isEmpty()) {
			throw new VolumeUnavailableException(
					"No home directory is configured on this Docker host" + " (wm.workloads.home-mount.source)", null);
		}
		if (runAs == null || runAs.uid() < 1 || runAs.gid() < 1) {
			// a host directory bound into a root container is what must never happen
			throw new VolumeUnavailableException("A home directory is only given to a container that runs as its"
					+ " owner's own numbers, never root's", null);
		}
		Path directory = hostPath(this.template, owner);
		create(directory, runAs.uid(), runAs.gid());
		return directory.toString();
	}

	/**
	 * The template with the username in it, checked to stay where the template points.
	 * @throws VolumeUnavailableException for a username that is no plain directory name
	 */
	static Path hostPath(String template, String username) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new VolumeUnavailableException("The owner's name cannot name a home directory", null);
		}
		Path path = Path.of(template.replace("{user}", username));
		if (!path.isAbsolute() || !path.normalize().equals(path)) {
			throw new VolumeUnavailableException("The owner's name cannot name a home directory", null);
		}
		return path;
	}

	private static void create(Path directory, int uid, int gid) {
		try {
			if (Files.isSymbolicLink(directory)) {
				// the bind mount would follow it anywhere on the host
				throw new VolumeUnavailableException("The home directory " + directory + " is a symbolic link", null);
			}
			if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
				return;
			}
			Files.createDirectories(directory.getParent());
			Files.createDirectory(directory,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			chown(directory, uid, gid);
		}
		catch (FileAlreadyExistsException ex) {
			// a launch of the same user made it meanwhile
		}
		catch (IOException ex) {
			throw new VolumeUnavailableException("The home directory " + directory + " could not be made", ex);
		}
	}

	private static void chown(Path directory, int uid, int gid) {
		try {
			Files.setAttribute(directory, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
			Files.setAttribute(directory, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException | UnsupportedOperationException ex) {
			// a service that may not change owners leaves the directory its own; the
			// operator then prepares directories or runs the service as root
			log.warn("Could not give {} to {}:{}: {}", directory, uid, gid, ex.toString());
		}
	}

}
