package org.whalemountain.runners;

import java.time.Instant;

/**
 * One row of {@code runners}; the secrets stay sealed until rendering needs them.
 *
 * @param credentialProjectId the GitLab project whose masked, protected CI/CD variable
 * holds the registry credential, or {@code null} when the runner hands it to jobs in
 * their environment
 */
record RunnerRecord(String username, String gitlabUrl, String project, Long gitlabRunnerId, boolean createdByService,
		String runnerTokenSealed, String registryCredentialSealed, Long credentialProjectId, String containerId,
		String message, Instant createdAt, Instant updatedAt) {

	RunnerRecord withContainer(String containerId, String message, Instant at) {
		return new RunnerRecord(this.username, this.gitlabUrl, this.project, this.gitlabRunnerId, this.createdByService,
				this.runnerTokenSealed, this.registryCredentialSealed, this.credentialProjectId, containerId, message,
				this.createdAt, at);
	}

	/** Where jobs find the registry password. */
	RegistryPasswordPlace registryPasswordPlace() {
		return (this.credentialProjectId != null) ? RegistryPasswordPlace.PROJECT_VARIABLE
				: RegistryPasswordPlace.RUNNER_ENVIRONMENT;
	}

}
