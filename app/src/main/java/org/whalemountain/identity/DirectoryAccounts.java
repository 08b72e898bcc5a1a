package org.whalemountain.identity;

/**
 * Asks the department directory whether an account still exists. Logins ask the directory
 * anyway; tokens do not, so without this a student who left would keep API and registry
 * access until their tokens expire.
 */
public interface DirectoryAccounts {

	Presence presence(String username);

	enum Presence {

		PRESENT, ABSENT,

		/** The directory could not be asked (down, timeout, refused the search). */
		UNKNOWN

	}

}
