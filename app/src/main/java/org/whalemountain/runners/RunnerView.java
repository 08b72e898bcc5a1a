package org.whalemountain.runners;

import java.time.Instant;
import java.util.List;

/**
 * A user's runner as the API and console show it; never a token.
 *
 * @param tag the tag jobs must carry to run on this runner
 * @param createdByService whether the service created the runner in GitLab (and will
 * delete it there on unregister)
 * @param registryPassword where the runner's jobs find {@code WM_REGISTRY_PASSWORD}
 * @param warnings what stops its jobs from pushing, as {@link JobAddresses} found it
 */
public record RunnerView(String gitlabUrl, String project, Long gitlabRunnerId, String engine, RunnerStatus status,
		String message, String tag, boolean createdByService, RegistryPasswordPlace registryPassword, Instant createdAt,
		List<String> warnings) {

	public RunnerView(String gitlabUrl, String project, Long gitlabRunnerId, String engine, RunnerStatus status,
			String message, String tag, boolean createdByService, RegistryPasswordPlace registryPassword,
			Instant createdAt) {
		this(gitlabUrl, project, gitlabRunnerId, engine, status, message, tag, createdByService, registryPassword,
				createdAt, List.of());
	}

	/** The same runner with these warnings. */
	public RunnerView withWarnings(List<String> warnings) {
		return new RunnerView(this.gitlabUrl, this.project, this.gitlabRunnerId, this.engine, this.status, this.message,
				this.tag, this.createdByService, this.registryPassword, this.createdAt, List.copyOf(warnings));
	}

}
