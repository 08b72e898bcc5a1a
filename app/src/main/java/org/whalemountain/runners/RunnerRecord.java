package org.whalemountain.runners;

import java.time.Instant;

/** One row of {@code runners}; the secrets stay sealed until rendering needs them. */
record RunnerRecord(String username, String gitlabUrl, String project, Long gitlabRunnerId, boolean createdByService,
		String runnerTokenSealed, String registryCredentialSealed, String containerId, String message,
		Instant createdAt, Instant updatedAt) {

	RunnerRecord withContainer(String containerId, String message, Instant at) {
		return new RunnerRecord(this.username, this.gitlabUrl, this.project, this.gitlabRunnerId, this.createdByService,
				this.runnerTokenSealed, this.registryCredentialSealed, containerId, message, this.createdAt, at);
	}

}
