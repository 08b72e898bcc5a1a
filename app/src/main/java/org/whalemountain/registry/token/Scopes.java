package org.whalemountain.registry.token;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Reads the {@code scope} parameters of a token request. Each parameter may hold several
 * scopes separated by spaces; a scope is {@code TYPE:NAME:ACTIONS}, where the name may
 * itself contain colons, so type and actions are cut at the first and last one.
 */
public final class Scopes {

	private Scopes() {
	}

	/**
	 * Every well-formed scope, in request order. Malformed ones (fewer than two colons,
	 * an empty part) are left out: they can only ever be refused.
	 */
	public static List<Access> parse(Collection<String> parameters) {
		List<Access> scopes = new ArrayList<>();
		if (parameters == null) {
			return scopes;
		}
		for (String parameter : parameters) {
			if (parameter == null) {
				continue;
			}
			for (String scope : parameter.trim().split("\\s+")) {
				Access access = parseOne(scope);
				if (access != null) {
					scopes.add(access);
				}
			}
		}
		return scopes;
	}

	private static Access parseOne(String scope) {
		int first = scope.indexOf(':');
		int last = scope.lastIndexOf(':');
		if (first <= 0 || last == first || last == scope.length() - 1) {
			return null;
		}
		String name = scope.substring(first + 1, last);
		List<String> actions = Arrays.stream(scope.substring(last + 1).split(","))
			.filter((action) -> !action.isEmpty())
			.distinct()
			.toList();
		if (name.isEmpty() || actions.isEmpty()) {
			return null;
		}
		return new Access(scope.substring(0, first), name, actions);
	}

}
