package org.whalemountain.registry.token;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.whalemountain.identity.Identity;
import org.whalemountain.platform.AuditText;
import org.whalemountain.registry.events.RegistryLoginFailed;
import org.whalemountain.registry.events.RegistryTokenIssued;

/**
 * The token service's decision: checks the username and secret (a personal access token,
 * or the user's runner credential), grants what {@link RepositoryAccess} allows of the
 * requested scopes, and publishes {@link RegistryTokenIssued} or
 * {@link RegistryLoginFailed}.
 */
@Service
class RegistryTokens {

	static final String PERSONAL_ACCESS_TOKEN = "personal-access-token";

	static final String RUNNER_CREDENTIAL = "runner-credential";

	private static final int MAX_ATTEMPTED_NAME = 64;

	private final Identity identity;

	private final RunnerCredentials runnerCredentials;

	private final RepositoryAccess policy;

	private final TokenMinter minter;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RegistryTokens(Identity identity, RunnerCredentials runnerCredentials, RepositoryAccess policy, TokenMinter minter,
			ApplicationEventPublisher events, Clock clock) {
		this.identity = identity;
		this.runnerCredentials = runnerCredentials;
		this.policy = policy;
		this.minter = minter;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A token for the user, or empty when the credentials are wrong, expired or revoked.
	 * @param requested the parsed {@code scope} parameters; empty for a login
	 */
	@Transactional
	Optional<IssuedToken> issue(String username, String secret, List<Access> requested, String sourceAddress) {
		Optional<String> credential = authenticate(username, secret);
		if (credential.isEmpty()) {
			this.events.publishEvent(new RegistryLoginFailed(printable(username),
					"not a valid personal access token or runner credential for this user", sourceAddress,
					this.clock.instant()));
			return Optional.empty();
		}
		List<Access> granted = this.policy.grant(username, requested);
		IssuedToken token = this.minter.mint(username, granted);
		List<String> refused = requested.stream()
			.filter((scope) -> !covered(scope, granted))
			.map(Access::toString)
			.toList();
		this.events.publishEvent(new RegistryTokenIssued(username, credential.get(),
				granted.stream().map(Access::toString).toList(), refused, sourceAddress, token.issuedAt()));
		return Optional.of(token);
	}

	/** Which kind of credential proved the user, if any did. */
	private Optional<String> authenticate(String username, String secret) {
		if (username == null || username.isEmpty() || secret == null) {
			return Optional.empty();
		}
		if (secret.startsWith(RunnerSecrets.PREFIX)) {
			boolean valid = this.runnerCredentials.hashOf(username)
				.filter((hash) -> RunnerSecrets.matches(secret, hash))
				.isPresent();
			// a departed student's runner must not keep pushing
			valid = valid && this.identity.tokenOwner(username).isPresent();
			if (valid) {
				this.runnerCredentials.touch(username, this.clock.instant());
			}
			return valid ? Optional.of(RUNNER_CREDENTIAL) : Optional.empty();
		}
		return this.identity.verifyToken(username, secret).map((user) -> PERSONAL_ACCESS_TOKEN);
	}

	private static boolean covered(Access scope, List<Access> granted) {
		return granted.stream()
			.anyMatch((access) -> access.type().equals(scope.type()) && access.name().equals(scope.name())
					&& access.actions().containsAll(scope.actions()));
	}

	static String printable(String attempted) {
		return AuditText.printable(attempted, MAX_ATTEMPTED_NAME);
	}

}
