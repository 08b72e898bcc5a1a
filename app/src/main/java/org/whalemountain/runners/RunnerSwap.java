package org.whalemountain.runners;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.registry.Registry;

/**
 * Puts a newly enrolled runner in the place of the user's previous one, all or nothing.
 * The new registry credential is made first but stored only in the transaction that saves
 * the new row, after the new container has kept running: until then the previous
 * credential, row and GitLab runner stay valid, and every step taken so far is undone in
 * reverse when a later one fails, down to recreating the previous container from its
 * unchanged row. Call it under the user's {@link RunnerLock}.
 */
@Component
class RunnerSwap {

	private static final Logger log = LoggerFactory.getLogger(RunnerSwap.class);

	private final RunnerStore store;

	private final RunnerEnrolment enrolment;

	private final RunnerContainers containers;

	private final RunnerConfigFactory configs;

	private final Registry registry;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	RunnerSwap(RunnerStore store, RunnerEnrolment enrolment, RunnerContainers containers, RunnerConfigFactory configs,
			Registry registry, ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
		this.store = store;
		this.enrolment = enrolment;
		this.containers = containers;
		this.configs = configs;
		this.registry = registry;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Enrols the runner with GitLab, starts its container and saves it.
	 * @param previous the user's runner until now, or {@code null}
	 * @return the saved runner, its container up
	 */
	RunnerRecord register(String username, RunnerRegistration registration, RunnerRecord previous,
			String sourceAddress) {
		RunnerEnrolment.Enrolled enrolled = this.enrolment.enrol(username, registration);
		Deque<Runnable> undo = new ArrayDeque<>();
		undo.push(() -> this.enrolment.undo(enrolled));
		try {
			String credential = this.registry.newRunnerCredential();
			if (enrolled.createdByService()) {
				// a personal access token can set a masked project variable, which keeps
				// the password out of the job environment that any job can print
				String accessToken = registration.personalAccessToken();
				this.enrolment.shareCredential(accessToken, enrolled.projectId(), credential);
				undo.push(() -> restoreVariable(accessToken, enrolled.projectId(), previous));
			}
			Instant now = this.clock.instant();
			RunnerRecord runner = new RunnerRecord(username, registration.gitlabUrl(), registration.project(),
					enrolled.runnerId(), enrolled.createdByService(),
					this.configs.sealToken(username, enrolled.token()),
					this.configs.sealCredential(username, credential), enrolled.projectId(), null, null, now, now);
			undo.push(() -> restoreContainer(username, previous));
			String containerId = this.containers.replace(username, this.configs.configToml(runner));
			this.containers.awaitUp(containerId);
			RunnerRecord started = runner.withContainer(containerId, null, now);
			this.transaction.executeWithoutResult((status) -> {
				this.registry.storeRunnerCredential(username, credential);
				this.store.save(started);
				this.events.publishEvent(new RunnerRegistered(username, registration.project(), enrolled.runnerId(),
						enrolled.createdByService(), sourceAddress, now));
			});
			return started;
		}
		catch (RuntimeException ex) {
			undoAll(undo, username, ex);
			throw ex;
		}
	}

	/**
	 * Runs every undo step, newest first, even after one fails: the first failure is the
	 * one the user must see, what could not be undone is logged.
	 */
	private static void undoAll(Deque<Runnable> undo, String username, RuntimeException cause) {
		while (!undo.isEmpty()) {
			try {
				undo.pop().run();
			}
			catch (RuntimeException undoFailed) {
				log.warn("A failed registration of {} could not be fully undone: {}", username,
						undoFailed.getMessage());
				cause.addSuppressed(undoFailed);
			}
		}
	}

	/**
	 * Gives the project back the previous runner's credential if that runner kept it in
	 * this same project's variable, and otherwise removes the variable again.
	 */
	private void restoreVariable(String accessToken, long projectId, RunnerRecord previous) {
		if (previous != null && Long.valueOf(projectId).equals(previous.credentialProjectId())) {
			this.enrolment.shareCredential(accessToken, projectId, this.configs.openCredential(previous));
		}
		else {
			this.enrolment.unshareCredential(accessToken, projectId);
		}
	}

	/**
	 * Removes the new container, and recreates the previous one from its row if it is
	 * gone. Should Docker fail here too, the reconciler recreates it later from the same
	 * row.
	 */
	private void restoreContainer(String username, RunnerRecord previous) {
		String keep = (previous != null) ? previous.containerId() : null;
		this.containers.of(username)
			.stream()
			.filter((container) -> !container.id().equals(keep))
			.forEach((container) -> this.containers.remove(container.id()));
		if (previous != null && this.containers.inspect(keep).isEmpty()) {
			String containerId = this.containers.replace(username, this.configs.configToml(previous));
			this.store.save(previous.withContainer(containerId, null, this.clock.instant()));
		}
	}

}
