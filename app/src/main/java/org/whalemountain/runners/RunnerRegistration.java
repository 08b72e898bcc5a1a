package org.whalemountain.runners;

/**
 * What a user gives to register their runner: the project and exactly one of a runner
 * authentication token or a personal access token. {@code toString} hides both tokens.
 *
 * @param gitlabUrl optional; when given it must be the configured GitLab
 * @param project {@code group/name} or a numeric id
 * @param runnerToken a runner authentication token ({@code glrt-…}) made in GitLab's UI
 * @param personalAccessToken a token with {@code api} scope; the service then creates the
 * runner itself (and deletes it again on unregister), and sets the project's masked,
 * protected CI/CD variable {@code WM_REGISTRY_PASSWORD}
 */
public record RunnerRegistration(String gitlabUrl, String project, String runnerToken, String personalAccessToken) {

	@Override
	public String toString() {
		return "RunnerRegistration[project=" + this.project + ", runnerToken=" + mask(this.runnerToken)
				+ ", personalAccessToken=" + mask(this.personalAccessToken) + "]";
	}

	private static String mask(String token) {
		return (token == null) ? "null" : "****";
	}

}
