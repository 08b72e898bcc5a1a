package org.whalemountain.registry.token;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.whalemountain.identity.Identity;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.registry.events.RunnerCredentialIssued;
import org.whalemountain.registry.events.RunnerCredentialRevoked;

/**
 * Issues and revokes the push credentials of users' CI runners: a stored hash and its
 * event change in one transaction. A credential can be made first and stored later, so
 * that a runner can be set up with it before it replaces the working one.
 */
@Component
public class RunnerCredentialIssuer {

	private final RunnerCredentials runnerCredentials;

	private final Identity identity;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RunnerCredentialIssuer(RunnerCredentials runnerCredentials, Identity identity, ApplicationEventPublisher events,
			Clock clock) {
		this.runnerCredentials = runnerCredentials;
		this.identity = identity;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A new credential that replaces any earlier one; only its hash is stored, so the
	 * secret returned here is never seen again and must not be logged.
	 * @throws NotFoundException if the user never logged in
	 */
	@Transactional
	public String issue(String username) {
		String secret = newCredential();
		store(username, secret);
		return secret;
	}

	/** A new credential, stored nowhere yet, so that it works nowhere yet. */
	public String newCredential() {
		return RunnerSecrets.generate();
	}

	/**
	 * Makes a credential from {@link #newCredential} the user's only one, replacing any
	 * earlier one; joins the caller's transaction.
	 * @throws NotFoundException if the user never logged in
	 * @throws IllegalArgumentException for anything that is not a runner credential
	 */
	@Transactional
	public void store(String username, String credential) {
		if (credential == null || !credential.startsWith(RunnerSecrets.PREFIX)) {
			// never the value: it may be someone's secret
			throw new IllegalArgumentException("Not a runner credential");
		}
		this.identity.user(username);
		Instant now = this.clock.instant();
		boolean replaced = this.runnerCredentials.replace(username, RunnerSecrets.hash(credential), now);
		this.events.publishEvent(new RunnerCredentialIssued(username, replaced, now));
	}

	/**
	 * Makes the user's credential stop working at once; does nothing if there is none.
	 */
	@Transactional
	public void revoke(String username) {
		if (this.runnerCredentials.delete(username)) {
			this.events.publishEvent(new RunnerCredentialRevoked(username, this.clock.instant()));
		}
	}

}
