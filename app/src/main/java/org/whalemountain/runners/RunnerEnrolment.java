package org.whalemountain.runners;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Gets a runner token from GitLab: checks the one the user made, or creates a project
 * runner with the user's personal access token (which is used once and never stored).
 */
@Component
class RunnerEnrolment {

	private final GitLabClient gitlab;

	RunnerEnrolment(GitLabClient gitlab) {
		this.gitlab = gitlab;
	}

	Enrolled enrol(String username, RunnerRegistration registration) {
		if (registration.runnerToken() != null) {
			Long id = this.gitlab.verifyRunnerToken(registration.runnerToken());
			return new Enrolled(id, registration.runnerToken(), null);
		}
		// a numeric id is used as it is: one GitLab call fewer
		long projectId = registration.project().chars().allMatch(Character::isDigit)
				? Long.parseLong(registration.project())
				: this.gitlab.projectId(registration.personalAccessToken(), registration.project());
		GitLabClient.CreatedRunner created = this.gitlab.createProjectRunner(registration.personalAccessToken(),
				projectId, "WhaleMountain runner of " + username, List.of(tag(username)));
		return new Enrolled(created.id(), created.token(), projectId);
	}

	/**
	 * Undoes {@link #enrol} when a later step fails: only what the service itself
	 * created.
	 */
	void undo(Enrolled enrolled) {
		if (enrolled.createdByService()) {
			this.gitlab.deleteRunner(enrolled.token());
		}
	}

	/**
	 * Deletes a runner the service created; runners the user made stay theirs to delete.
	 */
	void release(boolean createdByService, String token) {
		if (createdByService) {
			this.gitlab.deleteRunner(token);
		}
	}

	/**
	 * Puts the registry credential into the project as the masked, protected CI/CD
	 * variable {@code WM_REGISTRY_PASSWORD}, where the jobs of a runner the service
	 * created find it.
	 */
	void shareCredential(String personalAccessToken, long projectId, String credential) {
		this.gitlab.putMaskedVariable(personalAccessToken, projectId, RunnerConfigFactory.REGISTRY_PASSWORD,
				credential);
	}

	/** Removes what {@link #shareCredential} put into the project. */
	void unshareCredential(String personalAccessToken, long projectId) {
		this.gitlab.deleteVariable(personalAccessToken, projectId, RunnerConfigFactory.REGISTRY_PASSWORD);
	}

	/** The tag that routes a user's jobs to their own runner. */
	static String tag(String username) {
		return "wm-" + username;
	}

	/**
	 * A runner token GitLab vouched for; {@code toString} hides it.
	 *
	 * @param projectId the project the service created the runner in, {@code null} for a
	 * runner the user created
	 */
	record Enrolled(Long runnerId, String token, Long projectId) {

		/** Whether the service created the runner, and so must delete it again. */
		boolean createdByService() {
			return this.projectId != null;
		}

		@Override
		public String toString() {
			return "Enrolled[" + this.runnerId + ", ****, project " + this.projectId + "]";
		}

	}

}
