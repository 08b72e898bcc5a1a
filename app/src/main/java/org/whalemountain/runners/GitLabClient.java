package org.whalemountain.runners;

import java.util.List;

/**
 * What the service asks of GitLab. Every method blocks for at most the configured
 * timeout. Throws {@link GitLabRejectedException} when GitLab refuses a token,
 * {@link GitLabProjectNotFoundException} for a project that does not exist or that the
 * token cannot see, and {@link GitLabUnavailableException} when GitLab cannot be reached
 * or answers 5xx.
 */
public interface GitLabClient {

	/**
	 * Checks a runner authentication token ({@code POST /runners/verify}).
	 * @return the runner's id when GitLab tells it, else {@code null}
	 */
	Long verifyRunnerToken(String runnerToken);

	/** The numeric id of a project given by path ({@code group/name}) or id. */
	long projectId(String personalAccessToken, String project);

	/**
	 * Creates a locked project runner that only runs jobs with these tags
	 * ({@code POST /user/runners}).
	 */
	CreatedRunner createProjectRunner(String personalAccessToken, long projectId, String description,
			List<String> tags);

	/**
	 * Deletes a runner by its authentication token ({@code DELETE /runners}); an unknown
	 * token is ignored.
	 */
	void deleteRunner(String runnerToken);

	/** A runner GitLab just created; {@code toString} hides the token. */
	record CreatedRunner(long id, String token) {

		@Override
		public String toString() {
			return "CreatedRunner[id=" + this.id + ", token=****]";
		}

	}

}
