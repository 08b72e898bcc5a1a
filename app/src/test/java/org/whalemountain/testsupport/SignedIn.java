package org.whalemountain.testsupport;

import java.util.List;

import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.whalemountain.identity.UserPrincipal;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Signed-in users for controller slices: the same {@link UserPrincipal} the real login
 * puts into the security context, so that {@code @AuthenticationPrincipal} resolves as in
 * production without a directory behind it.
 */
public final class SignedIn {

	/** A plain user in one group. */
	public static final UserPrincipal ALICE = new UserPrincipal("alice", "Alice Liddell", "alice@example.org", 10001,
			10001, List.of("course-os"), false);

	private SignedIn() {
	}

	/** The request as sent by {@link #ALICE}. */
	public static RequestPostProcessor alice() {
		return user(ALICE);
	}

}
