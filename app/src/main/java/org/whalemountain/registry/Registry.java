package org.whalemountain.registry;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.whalemountain.identity.Identity;
import org.whalemountain.platform.NotFoundException;

/**
 * The registry module's entry: where users' images live and the credentials their CI
 * runners push with. Each user may push only under {@link #imagePrefix(String)}; the
 * token service at {@code /registry/token} enforces it.
 */
@Service
public class Registry {

	private final RegistryProperties properties;

	private final RunnerCredentials runnerCredentials;

	private final Identity identity;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Registry(RegistryProperties properties, RunnerCredentials runnerCredentials, Identity identity,
			ApplicationEventPublisher events, Clock clock) {
		this.properties = properties;
		this.runnerCredentials = runnerCredentials;
		this.identity = identity;
		this.events = events;
		this.clock = clock;
	}

	/** The registry's name in image references, e.g. {@code 127.0.0.1:5000}. */
	public String host() {
		return this.properties.host();
	}

	/**
	 * Where the user's images go: {@code <host>/<username>}, e.g.
	 * {@code 127.0.0.1:5000/alice}; the user may push {@code <prefix>/<name>:<tag>}.
	 */
	public String imagePrefix(String username) {
		if (username == null || username.isBlank()) {
			throw new IllegalArgumentException("An image prefix needs a username");
		}
		return host() + "/" + username;
	}

	/**
	 * Makes a new push credential ({@code wmr_…}) for the user's CI runner, to be used
	 * with the username as {@code docker login} password. Any earlier one stops working
	 * at once. Only its hash is stored: the secret is returned here and never again, and
	 * must not be logged.
	 * @throws NotFoundException if the user never logged in
	 */
	@Transactional
	public String issueRunnerCredential(String username) {
		this.identity.user(username);
		String secret = RunnerSecrets.generate();
		Instant now = this.clock.instant();
		boolean replaced = this.runnerCredentials.replace(username, RunnerSecrets.hash(secret), now);
		this.events.publishEvent(new RunnerCredentialIssued(username, replaced, now));
		return secret;
	}

	/**
	 * Makes the user's runner credential stop working at once. Tokens already issued with
	 * it keep working until they expire ({@code wm.registry.token.lifetime}). Does
	 * nothing if there is none.
	 */
	@Transactional
	public void revokeRunnerCredential(String username) {
		if (this.runnerCredentials.delete(username)) {
			this.events.publishEvent(new RunnerCredentialRevoked(username, this.clock.instant()));
		}
	}

	/**
	 * Asks for a sync of the registry into the catalogue and returns at once; the sync
	 * runs in the background, at most one at a time across all replicas.
	 * @param trigger {@code manual}, {@code webhook} or {@code notification}
	 * @param requestedBy the user who asked, or {@code null}
	 */
	public SyncRun requestSync(String trigger, String requestedBy) {
		throw new UnsupportedOperationException("comes with the registry sync");
	}

	/**
	 * One sync run.
	 * @throws NotFoundException if there is no run with that id
	 */
	public SyncRun syncRun(String id) {
		throw new UnsupportedOperationException("comes with the registry sync");
	}

	/** The newest sync run, finished or not. */
	public java.util.Optional<SyncRun> lastSync() {
		throw new UnsupportedOperationException("comes with the registry sync");
	}

	/**
	 * Deletes a manifest from the registry (every tag of the repository that points at
	 * this digest goes with it, as Distribution does) and publishes
	 * {@link ImageTagRemoved} for each such tag.
	 * @throws NotFoundException if the registry has no such manifest
	 * @throws org.whalemountain.platform.UnavailableException if the registry cannot be
	 * reached
	 */
	public void deleteManifest(String repository, String digest) {
		throw new UnsupportedOperationException("comes with the registry sync");
	}

}
