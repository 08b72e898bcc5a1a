package org.whalemountain.workloads.launch;

import org.whalemountain.workloads.WorkloadsProperties;

import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.whalemountain.identity.Identity;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.platform.InvalidInputException;

/**
 * The owner's home volume in each of the owner's containers, when one is configured
 * ({@code wm.workloads.home-mount}): where it appears and the LDAP uidNumber:gidNumber
 * the container then runs as, so that what it writes there belongs to the user. Where the
 * volume lives is the engine's business (a host directory on Docker).
 */
@Component
class HomeVolumes {

	/** LDAP uids as POSIX accepts them: never a slash, never only dots. */
	private static final Pattern USERNAME = Pattern.compile("[a-z_][a-z0-9._-]*");

	private final Identity identity;

	private final WorkloadsProperties.HomeMountSettings settings;

	HomeVolumes(Identity identity, WorkloadsProperties properties) {
		this.identity = identity;
		this.settings = properties.homeMount();
	}

	/**
	 * The home volume of the user's containers; {@code null} when none is configured.
	 * @throws InvalidInputException if the directory gives the user no uidNumber or
	 * gidNumber, or root's, or the username cannot name a volume
	 */
	HomeMount prepare(String username) {
		if (!this.settings.enabled()) {
			return null;
		}
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new InvalidInputException("invalid-home", null,
					"Your username cannot name a home directory; ask an administrator.");
		}
		UserPrincipal user = this.identity.user(username);
		requirePosixAccount(user.uidNumber(), user.gidNumber());
		return new HomeMount(this.settings.target().replace("{user}", username), user.uidNumber(), user.gidNumber());
	}

	/**
	 * The numbers the user's containers run as and the volume belongs to. Root's (0) are
	 * refused: a container running as root with the owner's data bound in is what the
	 * volume must never give, and a directory entry that says 0 is a mistake or an
	 * attack.
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

}
