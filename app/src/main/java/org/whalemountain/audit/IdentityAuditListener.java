package org.whalemountain.audit;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.whalemountain.identity.LoginFailed;
import org.whalemountain.identity.TokenCreated;
import org.whalemountain.identity.TokenRevoked;
import org.whalemountain.identity.UserLoggedIn;

/**
 * Records the identity module's events. Runs after the publishing transaction commits;
 * the event publication registry retries what a crash interrupted.
 */
@Component
class IdentityAuditListener {

	private final AuditStore store;

	IdentityAuditListener(AuditStore store) {
		this.store = store;
	}

	@ApplicationModuleListener
	void on(UserLoggedIn event) {
		this.store.append(event.at(), event.username(), "login", null, event.sourceAddress(), null);
	}

	@ApplicationModuleListener
	void on(LoginFailed event) {
		this.store.append(event.at(), event.attemptedUsername(), "login.failed", null, event.sourceAddress(),
				event.reason());
	}

	@ApplicationModuleListener
	void on(TokenCreated event) {
		this.store.append(event.at(), event.username(), "token.create", "token:" + event.tokenId(),
				event.sourceAddress(), "name=" + event.tokenName() + ", expires=" + event.expiresAt());
	}

	@ApplicationModuleListener
	void on(TokenRevoked event) {
		this.store.append(event.at(), event.username(), "token.revoke", "token:" + event.tokenId(),
				event.sourceAddress(), "name=" + event.tokenName());
	}

}
