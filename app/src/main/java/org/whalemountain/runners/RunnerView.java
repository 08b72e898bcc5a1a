package org.whalemountain.runners;

import java.time.Instant;

/**
 * A user's runner as the API and console show it; never a token.
 *
 * @param tag the tag jobs must carry to run on this runner
 * @param createdByService whether the service created the runner in GitLab (and will
 * delete it there on unregister)
 * @param registryPassword where the runner's jobs find {@code WM_REGISTRY_PASSWORD}
 */
public record RunnerView(String gitlabUrl, String project, Long gitlabRunnerId, String engine, RunnerStatus status,
		String message, String tag, boolean createdByService, RegistryPasswordPlace registryPassword,
		Instant createdAt) {
}
