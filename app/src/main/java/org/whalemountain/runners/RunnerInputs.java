package org.whalemountain.runners;

import java.util.regex.Pattern;

import org.whalemountain.platform.InvalidInputException;

/**
 * Checks a registration before anything talks to GitLab, so that bad input gets a clear
 * answer and costs nothing.
 */
final class RunnerInputs {

	private static final Pattern PROJECT_PATH = Pattern
		.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)+");

	private static final Pattern PROJECT_ID = Pattern.compile("[1-9][0-9]{0,18}");

	private static final Pattern RUNNER_TOKEN = Pattern.compile("glrt-[A-Za-z0-9_.-]{8,250}");

	private static final Pattern ACCESS_TOKEN = Pattern.compile("[A-Za-z0-9_.-]{8,255}");

	private RunnerInputs() {
	}

	/**
	 * @return the registration with whitespace trimmed
	 * @throws InvalidInputException naming the field and what to fix
	 */
	static RunnerRegistration check(RunnerRegistration registration, GitLabProperties gitlab) {
		String gitlabUrl = blankToNull(registration.gitlabUrl());
		if (gitlabUrl != null && !strip(gitlabUrl).equals(gitlab.normalizedUrl())) {
			throw new InvalidInputException("unknown-gitlab", "gitlabUrl", "Runners can only be registered with "
					+ gitlab.normalizedUrl() + "; leave gitlabUrl out or use exactly that.");
		}
		String project = blankToNull(registration.project());
		if (project == null || project.length() > 255
				|| !(PROJECT_PATH.matcher(project).matches() || PROJECT_ID.matcher(project).matches())) {
			throw new InvalidInputException("invalid-project", "project",
					"Give the GitLab project as its path (group/name) or its numeric id.");
		}
		String runnerToken = blankToNull(registration.runnerToken());
		String accessToken = blankToNull(registration.personalAccessToken());
		if ((runnerToken == null) == (accessToken == null)) {
			throw new InvalidInputException("token-required", "runnerToken",
					"Give exactly one of runnerToken (glrt-…, from the project's CI/CD › Runners page) or "
							+ "personalAccessToken (with the api scope).");
		}
		if (runnerToken != null && !RUNNER_TOKEN.matcher(runnerToken).matches()) {
			throw new InvalidInputException("malformed-runner-token", "runnerToken",
					"A runner authentication token starts with glrt- and has no spaces. Registration tokens "
							+ "(GR13…) are deprecated by GitLab and not accepted.");
		}
		if (accessToken != null && !ACCESS_TOKEN.matcher(accessToken).matches()) {
			throw new InvalidInputException("malformed-access-token", "personalAccessToken",
					"A personal access token is 8 to 255 letters, digits, '-', '_' or '.', e.g. glpat-….");
		}
		return new RunnerRegistration(gitlab.normalizedUrl(), project, runnerToken, accessToken);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static String strip(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
