package org.whalemountain.workloads.launch;

import org.whalemountain.workloads.WorkloadsProperties;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.whalemountain.identity.Identity;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.UnavailableException;

/**
 * The user's own data directory on the Docker host ({@code wm.workloads.home-mount}),
 * created on first use with mode 0700 and owned by the user's LDAP uidNumber:gidNumber
 * (when the service may change owners), so that the user's containers, which run as those
 * numbers, can write there and nobody else's can. The service must see the path as the
 * Docker host does: it runs on that host, or shares the directory with it.
 */
@Component
class HomeDirectories {

	private static final Logger log = LoggerFactory.getLogger(HomeDirectories.class);

	/** LDAP uids as POSIX accepts them: never a slash, never only dots. */
	private static final Pattern USERNAME = Pattern.compile("[a-z_][a-z0-9._-]*");

	private final Identity identity;

	private final WorkloadsProperties.HomeMountSettings settings;

	HomeDirectories(Identity identity, WorkloadsProperties properties) {
		this.identity = identity;
		this.settings = properties.homeMount();
	}

	/**
	 * The mount for the user's containers, with the directory made if missing;
	 * {@code null} when no home mount is configured.
	 * @throws InvalidInputException if the directory gives the user no uidNumber or
	 * gidNumber, or root's, or the username cannot be a directory name
	 * @throws UnavailableException if the directory cannot be made
	 */
	HomeMount prepare(String username) {
		if (!this.settings.enabled()) {
			return null;
		}
		UserPrincipal user = this.identity.user(username);
		requirePosixAccount(user.uidNumber(), user.gidNumber());
		Path directory = hostPath(this.settings.source(), username);
		create(directory, user.uidNumber(), user.gidNumber());
		return new HomeMount(directory.toString(), this.settings.target().replace("{user}", username), user.uidNumber(),
				user.gidNumber());
	}

	/**
	 * The numbers the user's containers run as and the directory belongs to. Root's (0)
	 * are refused: a container running as root with a host directory bound in is what the
	 * mount must never give, and a directory entry that says 0 is a mistake or an attack.
	 * @throws InvalidInputException for a missing number or one below 1
	 */
	static void requirePosixAccount(Integer uid, Integer gid) {
		if (uid == null || gid == null) {
			throw new InvalidInputException("no-posix-account", null,
					"Your account has no uidNumber or gidNumber"
							+ " in the directory, so your home directory cannot be mounted with you as its owner;"
							+ " ask an administrator to give your account POSIX numbers.");
		}
		if (uid < 1 || gid < 1) {
			throw new InvalidInputException("root-posix-account", null,
					"Your account's uidNumber or gidNumber in the directory is 0 (root) or below, and containers"
							+ " with your home directory never run as root; ask an administrator to give your"
							+ " account its own POSIX numbers.");
		}
	}

	/**
	 * The template with the username in it, checked to stay where the template points.
	 * @throws InvalidInputException for a username that is no plain directory name
	 */
	static Path hostPath(String template, String username) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new InvalidInputException("invalid-home", null,
					"Your username cannot name a home directory; ask an administrator.");
		}
		Path path = Path.of(template.replace("{user}", username));
		if (!path.isAbsolute() || !path.normalize().equals(path)) {
			throw new InvalidInputException("invalid-home", null,
					"Your username cannot name a home directory; ask an administrator.");
		}
		return path;
	}

	private static void create(Path directory, int uid, int gid) {
		try {
			if (Files.isSymbolicLink(directory)) {
				// the bind mount would follow it anywhere on the host
				throw new UnavailableException("home-unavailable",
						"Your home directory is a symbolic link on the host; ask an administrator.", null);
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
			throw new UnavailableException("home-unavailable", "Your home directory could not be made on the host ("
					+ ex.getMessage() + "); try again later or" + " ask an administrator.", null);
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
