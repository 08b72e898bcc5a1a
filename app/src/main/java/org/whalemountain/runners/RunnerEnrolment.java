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
			return new Enrolled(id, registration.runnerToken(), false);
		}
		// a numeric id needs no lookup, so a token with only the create_runner scope
		// suffices
		long projectId = registration.project().chars().allMatch(Character::isDigit)
				? Long.parseLong(registration.project())
				: this.gitlab.projectId(registration.personalAccessToken(), registration.project());
		GitLabClient.CreatedRunner created = this.gitlab.createProjectRunner(registration.personalAccessToken(),
				projectId, "WhaleMountain runner of " + username, List.of(tag(username)));
		return new Enrolled(created.id(), created.token(), true);
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

	/** The tag that routes a user's jobs to their own runner. */
	static String tag(String username) {
		return "wm-" + username;
	}

	/** A runner token GitLab vouched for; {@code toString} hides it. */
	record Enrolled(Long runnerId, String token, boolean createdByService) {

		@Override
		public String toString() {
			return "Enrolled[" + this.runnerId + ", ****, " + this.createdByService + "]";
		}

	}

}
