package org.whalemountain.runners;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.registry.Registry;

/**
 * The runners module's entry: register, show and remove a user's GitLab Runner, and
 * render their {@code .gitlab-ci.yml}. Every method acts on the caller's own runner only.
 * Registration checks input, Docker and the runner image before GitLab is asked, and a
 * registration that fails leaves the previous runner as it was ({@link RunnerSwap}).
 */
@Service
public class Runners {

	private static final Logger log = LoggerFactory.getLogger(Runners.class);

	private final RunnerStore store;

	private final RunnerLock lock;

	private final RunnerEnrolment enrolment;

	private final RunnerSwap swap;

	private final RunnerContainers containers;

	private final RunnerConfigFactory configs;

	private final Registry registry;

	private final GitLabProperties gitlab;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	Runners(RunnerStore store, RunnerLock lock, RunnerEnrolment enrolment, RunnerSwap swap, RunnerContainers containers,
			RunnerConfigFactory configs, Registry registry, GitLabProperties gitlab, ApplicationEventPublisher events,
			TransactionTemplate transaction, Clock clock) {
		this.store = store;
		this.lock = lock;
		this.enrolment = enrolment;
		this.swap = swap;
		this.containers = containers;
		this.configs = configs;
		this.registry = registry;
		this.gitlab = gitlab;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Registers the user's runner, replacing any previous one, and starts its container.
	 * Blocks until the container has kept running for {@code wm.runners.startup-check}.
	 * When it fails, the previous runner (row, registry credential, GitLab runner and a
	 * container made from them) is left working.
	 * @throws org.whalemountain.platform.InvalidInputException for bad input or a token
	 * GitLab rejects
	 * @throws org.whalemountain.platform.UnavailableException when GitLab or Docker is
	 * down, the runner image is missing, or the new runner container stops at once
	 * @throws org.whalemountain.platform.ConflictException while another change to the
	 * same runner runs
	 */
	public RunnerView register(String username, RunnerRegistration registration, String sourceAddress) {
		RunnerRegistration checked = RunnerInputs.check(registration, this.gitlab);
		return this.lock.exclusively(username, () -> {
			this.containers.checkReady();
			RunnerRecord previous = this.store.find(username).orElse(null);
			RunnerRecord runner = this.swap.register(username, checked, previous, sourceAddress);
			if (previous != null) {
				releaseQuietly(previous, this.configs.openToken(runner));
			}
			return view(runner);
		});
	}

	/**
	 * The user's runner with its container's live state.
	 * @throws NotFoundException if the user has no runner
	 */
	public RunnerView runner(String username) {
		return view(find(username));
	}

	/**
	 * Stops and removes the user's runner container, and deletes the runner in GitLab if
	 * the service created it there.
	 * @throws NotFoundException if the user has no runner
	 */
	public void unregister(String username, String sourceAddress) {
		this.lock.exclusively(username, () -> {
			RunnerRecord runner = find(username);
			// GitLab first: if it is down, nothing has changed yet and the user can
			// simply retry
			this.configs.openTokenIfPossible(runner)
				.ifPresent((token) -> this.enrolment.release(runner.createdByService(), token));
			this.containers.removeAll(username);
			this.transaction.executeWithoutResult((status) -> {
				this.store.delete(username);
				this.registry.revokeRunnerCredential(username);
				this.events.publishEvent(new RunnerUnregistered(username, runner.project(), runner.gitlabRunnerId(),
						sourceAddress, this.clock.instant()));
			});
			return null;
		});
	}

	/**
	 * The user's {@code .gitlab-ci.yml}; works before registration too, so it can be read
	 * first.
	 */
	public String gitlabCi(String username) {
		return this.configs.gitlabCi(username);
	}

	/**
	 * Deletes the replaced runner in GitLab if the service created it. The new runner is
	 * already running and saved, so GitLab being down now must not fail the registration:
	 * the old runner stays in GitLab, unused, and the log says so.
	 */
	private void releaseQuietly(RunnerRecord previous, String newToken) {
		try {
			this.configs.openTokenIfPossible(previous)
				.filter((token) -> !token.equals(newToken))
				.ifPresent((token) -> this.enrolment.release(previous.createdByService(), token));
		}
		catch (RuntimeException ex) {
			log.warn("The replaced GitLab runner of {} could not be deleted: {}", previous.username(), ex.getMessage());
		}
	}

	private RunnerRecord find(String username) {
		return this.store.find(username)
			.orElseThrow(() -> new NotFoundException("runner-not-registered",
					"You have no runner yet. Register one with your GitLab project and a runner token."));
	}

	private RunnerView view(RunnerRecord runner) {
		RunnerState state = RunnerState.of(runner, this.containers);
		return new RunnerView(runner.gitlabUrl(), runner.project(), runner.gitlabRunnerId(),
				this.containers.engineName(), state.status(), state.message(), RunnerEnrolment.tag(runner.username()),
				runner.createdByService(), runner.registryPasswordPlace(), runner.createdAt());
	}

}
