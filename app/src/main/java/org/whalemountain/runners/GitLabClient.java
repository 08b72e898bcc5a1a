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

	/**
	 * Sets a CI/CD variable of the project, masked (GitLab hides its value in job logs)
	 * and protected (only pipelines of protected branches and tags get it), for every
	 * environment: created with {@code POST /projects/:id/variables}, or replaced with
	 * {@code PUT /projects/:id/variables/:key} when the project already has it. The token
	 * needs the {@code api} scope and at least the Maintainer role in the project.
	 * @throws IllegalArgumentException for a value GitLab could not mask (fewer than 8
	 * characters, or any outside {@code A-Z a-z 0-9 _ + = / @ : . ~ -}); GitLab is not
	 * asked
	 */
	void putMaskedVariable(String personalAccessToken, long projectId, String key, String value);

	/**
	 * Deletes a CI/CD variable of the project
	 * ({@code DELETE /projects/:id/variables/:key}); a variable that is not there is
	 * ignored.
	 */
	void deleteVariable(String personalAccessToken, long projectId, String key);

	/** A runner GitLab just created; {@code toString} hides the token. */
	record CreatedRunner(long id, String token) {

		@Override
		public String toString() {
			return "CreatedRunner[id=" + this.id + ", token=****]";
		}

	}

}
