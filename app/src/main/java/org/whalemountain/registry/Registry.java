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

}
