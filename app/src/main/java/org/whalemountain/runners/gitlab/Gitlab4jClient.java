package org.whalemountain.runners.gitlab;

import java.util.List;
import java.util.regex.Pattern;

import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.ProjectApi;
import org.gitlab4j.api.models.CreateRunnerParams;
import org.gitlab4j.api.models.CreateRunnerResponse;
import org.gitlab4j.api.models.Runner;
import org.gitlab4j.api.models.Variable;

import org.whalemountain.runners.GitLabClient;
import org.whalemountain.runners.GitLabProjectNotFoundException;
import org.whalemountain.runners.GitLabProperties;
import org.whalemountain.runners.GitLabRejectedException;
import org.whalemountain.runners.GitLabUnavailableException;

/**
 * {@link GitLabClient} on gitlab4j-api. A client is built per call because each call
 * authenticates with the caller's own token; the service holds no GitLab credential.
 */
public class Gitlab4jClient implements GitLabClient {

	/**
	 * What GitLab masks (app/models/concerns/ci/maskable.rb); it refuses to store any
	 * other value as masked.
	 */
	private static final Pattern MASKABLE = Pattern.compile("[a-zA-Z0-9_+=/@:.~-]{8,}");

	private final GitLabProperties properties;

	public Gitlab4jClient(GitLabProperties properties) {
		this.properties = properties;
	}

	@Override
	public Long verifyRunnerToken(String runnerToken) {
		try (GitLabApi api = api(null)) {
			return new RunnerVerificationApi(api).verify(runnerToken);
		}
		catch (GitLabApiException ex) {
			throw translate(ex, "runnerToken",
					"GitLab does not accept this runner authentication token (glrt-…). Copy it again from the project's "
							+ "Settings › CI/CD › Runners page; it is shown only once when the runner is created.");
		}
	}

	@Override
	public long projectId(String personalAccessToken, String project) {
		try (GitLabApi api = api(personalAccessToken)) {
			Object idOrPath = project.chars().allMatch(Character::isDigit) ? Long.valueOf(project) : project;
			return api.getProjectApi().getProject(idOrPath).getId();
		}
		catch (GitLabApiException ex) {
			if (ex.getHttpStatus() == 404) {
				throw new GitLabProjectNotFoundException("gitlab-project-not-found", "project",
						"GitLab has no project '" + project
								+ "' that this token can see. Check the path (group/name) or the numeric id.");
			}
			throw translate(ex, "personalAccessToken", personalAccessTokenRejected());
		}
	}

	@Override
	public CreatedRunner createProjectRunner(String personalAccessToken, long projectId, String description,
			List<String> tags) {
		try (GitLabApi api = api(personalAccessToken)) {
			CreateRunnerParams params = new CreateRunnerParams().withRunnerType(Runner.RunnerType.PROJECT_TYPE)
				.withProjectId(projectId)
				.withDescription(description)
				.withTagList(tags)
				.withRunUntagged(false)
				.withLocked(true);
			CreateRunnerResponse created = api.getUserApi().createRunner(params);
			return new CreatedRunner(created.getId(), created.getToken());
		}
		catch (GitLabApiException ex) {
			throw translate(ex, "personalAccessToken", personalAccessTokenRejected());
		}
	}

	@Override
	public void deleteRunner(String runnerToken) {
		try (GitLabApi api = api(null)) {
			api.getRunnersApi().deleteRunner(runnerToken);
		}
		catch (GitLabApiException ex) {
			if (ex.getHttpStatus() != 403 && ex.getHttpStatus() != 404) {
				throw translate(ex, "runnerToken", "GitLab refused to delete the runner.");
			}
			// already gone in GitLab: nothing left to clean up
		}
	}

	@Override
	public void putMaskedVariable(String personalAccessToken, long projectId, String key, String value) {
		if (value == null || !MASKABLE.matcher(value).matches()) {
			// a programming error, never the user's: say which variable, never the value
			throw new IllegalArgumentException("GitLab could not mask the value of " + key);
		}
		try (GitLabApi api = api(personalAccessToken)) {
			ProjectApi projects = api.getProjectApi();
			if (hasVariable(projects, projectId, key)) {
				projects.updateVariable(projectId, key, value, Variable.Type.ENV_VAR, true, true);
			}
			else {
				projects.createVariable(projectId, key, value, Variable.Type.ENV_VAR, true, true);
			}
		}
		catch (GitLabApiException ex) {
			throw translate(ex, "personalAccessToken", variableRefused(key));
		}
	}

	@Override
	public void deleteVariable(String personalAccessToken, long projectId, String key) {
		try (GitLabApi api = api(personalAccessToken)) {
			api.getProjectApi().deleteVariable(projectId, key);
		}
		catch (GitLabApiException ex) {
			if (ex.getHttpStatus() != 404) {
				throw translate(ex, "personalAccessToken", variableRefused(key));
			}
		}
	}

	private static boolean hasVariable(ProjectApi projects, long projectId, String key) throws GitLabApiException {
		try {
			projects.getVariable(projectId, key);
			return true;
		}
		catch (GitLabApiException ex) {
			if (ex.getHttpStatus() == 404) {
				return false;
			}
			throw ex;
		}
	}

	private GitLabApi api(String personalAccessToken) {
		GitLabApi api = new GitLabApi(this.properties.normalizedUrl(), personalAccessToken);
		int millis = (int) this.properties.timeout().toMillis();
		api.setRequestTimeout(millis, millis);
		return api;
	}

	private GitLabUnavailableException unavailable(GitLabApiException ex) {
		String cause = (ex.getHttpStatus() > 0) ? "answered " + ex.getHttpStatus() : "could not be reached";
		return new GitLabUnavailableException("GitLab at " + this.properties.normalizedUrl() + " " + cause
				+ ". Nothing was changed; try again in a minute.");
	}

	private RuntimeException translate(GitLabApiException ex, String field, String rejected) {
		int status = ex.getHttpStatus();
		if (status == 401 || status == 403 || status == 400 || status == 422) {
			return new GitLabRejectedException("gitlab-token-rejected", field, rejected);
		}
		if (status == 404) {
			return new GitLabRejectedException("gitlab-token-rejected", field, rejected);
		}
		return unavailable(ex);
	}

	private static String personalAccessTokenRejected() {
		return "GitLab does not accept this personal access token for that project. It needs the api scope and at "
				+ "least the Maintainer role in the project.";
	}

	private static String variableRefused(String key) {
		return "GitLab did not let this personal access token set the CI/CD variable " + key + " of the project, "
				+ "where your runner's jobs find the registry password. The token needs the api scope and at least "
				+ "the Maintainer role in the project.";
	}

}
