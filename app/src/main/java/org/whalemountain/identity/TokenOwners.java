package org.whalemountain.identity;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.identity.DirectoryAccounts.Account;
import org.whalemountain.identity.DirectoryAccounts.Presence;

/**
 * Who a token acts for: the user as mirrored at their last password login, with the
 * groups and admin role the directory re-check last saw, or nobody once the directory
 * says the account is gone. Without the refresh, removing someone from the admin group
 * would not reach their tokens until they logged in with a password again.
 */
@Component
class TokenOwners {

	private final DirectoryRecheck recheck;

	private final UserMirror users;

	private final TransactionTemplate transaction;

	TokenOwners(DirectoryRecheck recheck, UserMirror users, TransactionTemplate transaction) {
		this.recheck = recheck;
		this.users = users;
		this.transaction = transaction;
	}

	/**
	 * Asks the directory when the re-check is due (blocking on LDAP); while it cannot be
	 * asked, the mirror stands.
	 * @return empty when the directory says the account is gone or it never logged in
	 */
	Optional<UserPrincipal> owner(String username) {
		Optional<Account> checked = this.recheck.recheck(username);
		if (checked.isPresent()) {
			Account account = checked.get();
			if (account.presence() == Presence.ABSENT) {
				return Optional.empty();
			}
			if (account.presence() == Presence.PRESENT) {
				this.transaction.executeWithoutResult(
						(status) -> this.users.updateMembership(username, account.groups(), account.admin()));
			}
		}
		return this.users.find(username);
	}

}
