package org.whalemountain.registry.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.whalemountain.registry.PullPolicy;

/**
 * Who may do what in the registry. A user may pull and push the repositories under their
 * own name ({@code alice/…}), and pull another user's repository when the
 * {@link PullPolicy} (the image catalogue, which knows what is shared with whom) says so;
 * nothing else: no push outside the own name, no single-segment name, never
 * {@code registry:catalog:*}, never {@code delete} or {@code *} (deletion goes through
 * the service, which keeps the catalogue in step).
 */
@Component
public class RepositoryAccess {

	private static final Logger log = LoggerFactory.getLogger(RepositoryAccess.class);

	static final String PULL = "pull";

	static final String PUSH = "push";

	/** Distribution's repository path grammar (reference/regexp.go), without a domain. */
	private static final Pattern REPOSITORY = Pattern
		.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

	private static final int MAX_NAME = 255;

	private final ObjectProvider<PullPolicy> pullPolicy;

	/**
	 * @param pullPolicy the catalogue's sharing decisions; without one, nothing of
	 * another user can be pulled
	 */
	RepositoryAccess(ObjectProvider<PullPolicy> pullPolicy) {
		this.pullPolicy = pullPolicy;
	}

	/**
	 * What of {@code requested} the user gets: for each repository, the requested actions
	 * they are allowed, merged when a repository is asked for twice. Everything not
	 * allowed at all is absent, so the registry answers {@code denied} for it.
	 */
	List<Access> grant(String username, List<Access> requested) {
		Map<String, Set<String>> granted = new LinkedHashMap<>();
		for (Access scope : requested) {
			if (!"repository".equals(scope.type())) {
				continue;
			}
			Set<String> allowed = allowedActions(username, scope.name());
			for (String action : scope.actions()) {
				if (allowed.contains(action)) {
					granted.computeIfAbsent(scope.name(), (name) -> new LinkedHashSet<>()).add(action);
				}
			}
		}
		List<Access> access = new ArrayList<>();
		granted.forEach((name, actions) -> access
			.add(new Access("repository", name, List.of(PULL, PUSH).stream().filter(actions::contains).toList())));
		return access;
	}

	/**
	 * The actions {@code username} may take on {@code repository}; never more than pull
	 * and push.
	 */
	Set<String> allowedActions(String username, String repository) {
		if (!isRepositoryName(repository)) {
			return Set.of();
		}
		if (repository.startsWith(username + "/")) {
			return Set.of(PULL, PUSH);
		}
		return isSharedWith(username, repository) ? Set.of(PULL) : Set.of();
	}

	/** Whether the name follows Distribution's repository grammar and length limit. */
	public static boolean isRepositoryName(String repository) {
		return repository.length() <= MAX_NAME && REPOSITORY.matcher(repository).matches();
	}

	/**
	 * Whether another user shared this repository with {@code username}, as the
	 * {@link PullPolicy} says; no policy, or one that fails, shares nothing.
	 */
	boolean isSharedWith(String username, String repository) {
		try {
			PullPolicy policy = this.pullPolicy.getIfAvailable();
			return policy != null && policy.mayPull(username, repository);
		}
		catch (RuntimeException ex) {
			// a broken policy must not open anything, nor turn a pull into a 500
			log.warn("The pull policy failed for {} on {}, refusing the pull: {}", username, repository, ex.toString());
			return false;
		}
	}

}
