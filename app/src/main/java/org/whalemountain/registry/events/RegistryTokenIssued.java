package org.whalemountain.registry.events;

import java.time.Instant;
import java.util.List;

/**
 * The token service gave a user a registry token (a {@code docker login} when nothing was
 * requested, otherwise a pull or push). Carries no secret.
 *
 * @param credential {@code personal-access-token} or {@code runner-credential}
 * @param granted what the token allows, e.g. {@code repository:alice/app:pull,push}
 * @param refused scopes asked for but not (fully) granted, as requested
 */
public record RegistryTokenIssued(String username, String credential, List<String> granted, List<String> refused,
		String sourceAddress, Instant at) {

	public RegistryTokenIssued {
		granted = List.copyOf(granted);
		refused = List.copyOf(refused);
	}

}
