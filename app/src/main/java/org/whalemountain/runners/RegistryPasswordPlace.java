package org.whalemountain.runners;

/**
 * Where the jobs of a user's runner find the registry password
 * ({@code WM_REGISTRY_PASSWORD}).
 */
public enum RegistryPasswordPlace {

	/**
	 * In the runner's {@code config.toml}, so in every job's environment: any job can
	 * print it, and GitLab does not mask it in job logs. Runners registered with a runner
	 * authentication token ({@code glrt-…}), since the service then has no GitLab
	 * credential to set a project variable with.
	 */
	RUNNER_ENVIRONMENT,

	/**
	 * A masked, protected CI/CD variable of the runner's project: GitLab hides it in job
	 * logs, and only pipelines of protected branches and tags get it. Runners the service
	 * created with a personal access token.
	 */
	PROJECT_VARIABLE

}
