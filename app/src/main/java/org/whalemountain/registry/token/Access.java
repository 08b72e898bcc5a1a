package org.whalemountain.registry.token;

import java.util.List;

/**
 * One resource and actions on it, as Docker's token protocol writes them: a requested
 * {@code scope} ({@code repository:alice/app:pull,push}) or an entry of a token's
 * {@code access} claim.
 *
 * @param type {@code repository} or {@code registry}
 * @param name the repository path ({@code alice/app}) or {@code catalog}
 * @param actions e.g. {@code pull}, {@code push}, {@code delete}, {@code *}
 */
public record Access(String type, String name, List<String> actions) {

	public Access {
		actions = List.copyOf(actions);
	}

	/** Access of type {@code repository}. */
	public static Access repository(String name, String... actions) {
		return new Access("repository", name, List.of(actions));
	}

	@Override
	public String toString() {
		return this.type + ":" + this.name + ":" + String.join(",", this.actions);
	}

}
