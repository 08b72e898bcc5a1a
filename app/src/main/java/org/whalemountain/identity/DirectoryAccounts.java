package org.whalemountain.identity;

import java.util.List;

/**
 * Asks the department directory about an account without its password. Logins ask the
 * directory anyway; tokens do not, so without this a student who left would keep API and
 * registry access until their tokens expire, and someone removed from the admin group
 * would stay an admin for their tokens.
 */
public interface DirectoryAccounts {

	/**
	 * The account as the directory has it now, its groups read as a login reads them.
	 * Blocks on the directory; never throws for a directory that cannot be asked, but
	 * answers {@link Presence#UNKNOWN}.
	 */
	Account lookup(String username);

	enum Presence {

		PRESENT, ABSENT,

		/** The directory could not be asked (down, timeout, refused the search). */
		UNKNOWN

	}

	/**
	 * One answer of the directory.
	 *
	 * @param presence whether the account exists
	 * @param groups its groups, sorted; empty unless {@code PRESENT}
	 * @param admin whether they make it an admin; false unless {@code PRESENT}
	 */
	record Account(Presence presence, List<String> groups, boolean admin) {

		public Account {
			groups = List.copyOf(groups);
		}

		public static Account present(List<String> groups, boolean admin) {
			return new Account(Presence.PRESENT, groups, admin);
		}

		public static Account absent() {
			return new Account(Presence.ABSENT, List.of(), false);
		}

		public static Account unknown() {
			return new Account(Presence.UNKNOWN, List.of(), false);
		}

	}

}
