package org.whalemountain.audit;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.whalemountain.registry.events.ImageSyncRequested;
import org.whalemountain.registry.events.RegistryLoginFailed;
import org.whalemountain.registry.events.RegistryTokenIssued;
import org.whalemountain.registry.events.RunnerCredentialIssued;
import org.whalemountain.registry.events.RunnerCredentialRevoked;

/**
 * Records the registry module's events: who got which registry access with which kind of
 * credential, who was refused, runner credential changes, and who asked for a sync.
 */
@Component
class RegistryAuditListener {

	private final AuditStore store;

	RegistryAuditListener(AuditStore store) {
		this.store = store;
	}

	/**
	 * A token asked for without scopes is a {@code docker login}; any other is a pull or
	 * push attempt, recorded with what was granted and what was refused.
	 */
	@ApplicationModuleListener
	void on(RegistryTokenIssued event) {
		String detail = "via " + event.credential();
		if (event.granted().isEmpty() && event.refused().isEmpty()) {
			this.store.append(event.at(), event.username(), "registry.login", null, event.sourceAddress(), detail);
			return;
		}
		if (!event.refused().isEmpty()) {
			detail += "; refused " + String.join(" ", event.refused());
		}
		String target = event.granted().isEmpty() ? null : String.join(" ", event.granted());
		this.store.append(event.at(), event.username(), "registry.token", target, event.sourceAddress(), detail);
	}

	@ApplicationModuleListener
	void on(RegistryLoginFailed event) {
		this.store.append(event.at(), event.attemptedUsername(), "registry.login.failed", null, event.sourceAddress(),
				event.reason());
	}

	@ApplicationModuleListener
	void on(RunnerCredentialIssued event) {
		this.store.append(event.at(), event.username(), "registry.runner-credential.issue", null, null,
				event.replacedPrevious() ? "replaced the previous credential" : null);
	}

	@ApplicationModuleListener
	void on(RunnerCredentialRevoked event) {
		this.store.append(event.at(), event.username(), "registry.runner-credential.revoke", null, null, null);
	}

	/** The target names the run, so that its result can be looked up. */
	@ApplicationModuleListener
	void on(ImageSyncRequested event) {
		this.store.append(event.at(), event.requestedBy(), "registry.sync.request", "sync:" + event.syncId(),
				event.sourceAddress(), event.joined() ? "joined a sync already queued" : null);
	}

}
