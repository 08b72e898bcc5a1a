package org.whalemountain.audit;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.whalemountain.runners.RunnerRegistered;
import org.whalemountain.runners.RunnerUnregistered;

/** Records runner registrations and removals. */
@Component
class RunnersAuditListener {

	private final AuditStore store;

	RunnersAuditListener(AuditStore store) {
		this.store = store;
	}

	@ApplicationModuleListener
	void on(RunnerRegistered event) {
		this.store.append(event.at(), event.username(), "runner.register", "project:" + event.project(),
				event.sourceAddress(),
				"gitlabRunnerId=" + event.gitlabRunnerId() + ", createdByService=" + event.createdByService());
	}

	@ApplicationModuleListener
	void on(RunnerUnregistered event) {
		this.store.append(event.at(), event.username(), "runner.unregister", "project:" + event.project(),
				event.sourceAddress(), "gitlabRunnerId=" + event.gitlabRunnerId());
	}

}
