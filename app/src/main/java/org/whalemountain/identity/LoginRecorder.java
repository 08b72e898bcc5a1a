package org.whalemountain.identity;

import java.time.Clock;

import org.whalemountain.platform.AuditText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mirrors the user into the database on every password login and publishes
 * {@link UserLoggedIn} / {@link LoginFailed}. Bearer-token requests are not logins and
 * never reach here.
 */
@Component
class LoginRecorder {

	private static final int MAX_ATTEMPTED_NAME = 64;

	private final UserMirror users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	LoginRecorder(UserMirror users, ApplicationEventPublisher events, Clock clock) {
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	@EventListener
	@Transactional
	public void onSuccess(AuthenticationSuccessEvent event) {
		Authentication authentication = event.getAuthentication();
		if (authentication instanceof UsernamePasswordAuthenticationToken
				&& authentication.getPrincipal() instanceof UserPrincipal user) {
			this.users.save(user, this.clock.instant());
			this.events.publishEvent(new UserLoggedIn(user.username(), sourceOf(authentication), this.clock.instant()));
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
