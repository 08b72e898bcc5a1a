package org.whalemountain.identity;

import java.time.Clock;

import org.whalemountain.platform.AuditText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mirrors the user into the database on every password login and publishes
 * {@link UserLoggedIn} / {@link LoginFailed}. Bearer-token requests are not logins and
 * never reach here.
 */
@Component
class LoginRecorder {

	private static final int MAX_ATTEMPTED_NAME = 64;

	private static final int MAX_ATTEMPTS = 3;

	private final UserMirror users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transaction;

	LoginRecorder(UserMirror users, ApplicationEventPublisher events, Clock clock, TransactionTemplate transaction) {
		this.users = users;
		this.events = events;
		this.clock = clock;
		this.transaction = transaction;
	}

	@EventListener
	public void onSuccess(AuthenticationSuccessEvent event) {
		Authentication authentication = event.getAuthentication();
		if (authentication instanceof UsernamePasswordAuthenticationToken
				&& authentication.getPrincipal() instanceof UserPrincipal user) {
			for (int attempt = 1;; attempt++) {
				try {
					this.transaction.executeWithoutResult((status) -> {
						this.users.save(user, this.clock.instant());
						this.events.publishEvent(
								new UserLoggedIn(user.username(), sourceOf(authentication), this.clock.instant()));
					});
					return;
				}
				catch (PessimisticLockingFailureException ex) {
					// two logins of one user at once: MariaDB picked this one as the
					// deadlock victim
					if (attempt == MAX_ATTEMPTS) {
						throw ex;
					}
				}
			}
		}
	}

	@EventListener
	@Transactional
	public void onFailure(AbstractAuthenticationFailureEvent event) {
		Authentication attempt = event.getAuthentication();
		this.events.publishEvent(new LoginFailed(printable(attempt.getName()), event.getException().getMessage(),
				sourceOf(attempt), this.clock.instant()));
	}

	private static String sourceOf(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: null;
	}

	static String printable(String attempted) {
		return AuditText.printable(attempted, MAX_ATTEMPTED_NAME);
	}

}
