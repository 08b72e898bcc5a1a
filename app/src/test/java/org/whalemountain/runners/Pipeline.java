package org.whalemountain.runners;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What kind of pipeline runs a job, as GitLab's predefined variables say it
 * (docs.gitlab.com, "Predefined CI/CD variables reference"): a branch pipeline has
 * {@code CI_COMMIT_BRANCH}; a tag pipeline has {@code CI_COMMIT_TAG} and no branch; a
 * merge-request pipeline has {@code CI_PIPELINE_SOURCE=merge_request_event}, the source
 * branch as {@code CI_COMMIT_REF_NAME} and, again, no {@code CI_COMMIT_BRANCH}.
 *
 * @param ref the branch or tag name
 * @param source {@code CI_PIPELINE_SOURCE}
 * @param kind which of the three
 */
record Pipeline(String ref, String source, Kind kind, String defaultBranch) {

	enum Kind {

		BRANCH, TAG, MERGE_REQUEST

	}

	static Pipeline branch(String branch, String defaultBranch) {
		return new Pipeline(branch, "push", Kind.BRANCH, defaultBranch);
	}

	static Pipeline tag(String tag, String defaultBranch) {
		return new Pipeline(tag, "push", Kind.TAG, defaultBranch);
	}

	static Pipeline mergeRequest(String sourceBranch, String defaultBranch) {
		return new Pipeline(sourceBranch, "merge_request_event", Kind.MERGE_REQUEST, defaultBranch);
	}

	/** The variables GitLab sets for this pipeline on a commit of a project. */
	Map<String, String> variables(String projectPath, String commit) {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("CI", "true");
		variables.put("GITLAB_CI", "true");
		variables.put("CI_PROJECT_PATH", projectPath);
		variables.put("CI_PROJECT_DIR", "/builds/" + projectPath);
		variables.put("CI_COMMIT_SHA", commit);
		variables.put("CI_COMMIT_SHORT_SHA", commit.substring(0, 8));
		variables.put("CI_COMMIT_REF_NAME", this.ref);
		variables.put("CI_COMMIT_REF_SLUG", slug(this.ref));
		variables.put("CI_DEFAULT_BRANCH", this.defaultBranch);
		variables.put("CI_PIPELINE_SOURCE", this.source);
		switch (this.kind) {
			case BRANCH -> variables.put("CI_COMMIT_BRANCH", this.ref);
			case TAG -> variables.put("CI_COMMIT_TAG", this.ref);
			case MERGE_REQUEST -> {
				variables.put("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", this.ref);
				variables.put("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", this.defaultBranch);
			}
		}
		return variables;
	}

	/**
	 * {@code CI_COMMIT_REF_SLUG}: lower-cased, shortened to 63 bytes, anything but
	 * {@code 0-9} and {@code a-z} replaced with {@code -}, no leading or trailing
	 * {@code -}.
	 */
	static String slug(String ref) {
		String slug = ref.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-");
		slug = slug.substring(0, Math.min(63, slug.length()));
		return slug.replaceAll("^-+|-+$", "");
	}

}
