package org.whalemountain.runners;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.whalemountain.runners.templates.Builder;
import org.whalemountain.runners.templates.CiTemplate;
import org.whalemountain.runners.templates.RunnerTemplates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The served templates' {@code rules:} with the variables GitLab sets for each kind of
 * pipeline, and the evaluator's own reading of GitLab's documented semantics.
 */
class JobRulesTests {

	private static final String COMMIT = "1a2b3c4d5e6f7a8b9c0d";

	@Test
	void branchAndTagPipelinesBuildAndMergeRequestPipelinesDoNot() {
		for (Builder builder : Builder.values()) {
			JobRules rules = served(builder).rules();

			assertThat(rules.addsJob(Pipeline.branch("main", "main").variables("g/web", COMMIT))).isTrue();
			assertThat(rules.addsJob(Pipeline.branch("feature/login", "main").variables("g/web", COMMIT))).isTrue();
			assertThat(rules.addsJob(Pipeline.tag("v1.0", "main").variables("g/web", COMMIT))).isTrue();
			assertThat(rules.addsJob(Pipeline.mergeRequest("feature/login", "main").variables("g/web", COMMIT)))
				.as(builder + ": a merge-request pipeline would build the branch's commit a second time")
				.isFalse();
		}
	}

	@Test
	void aPipelineWithNeitherBranchNorTagAddsNoJob() {
		// e.g. an API-triggered pipeline GitLab runs for a detached ref
		Map<String, String> variables = Map.of("CI_PIPELINE_SOURCE", "api", "CI_COMMIT_REF_NAME", "x");

		assertThat(served(Builder.BUILDAH).rules().addsJob(variables)).isFalse();
	}

	@Test
	void aVariableIsTrueOnlyWhenSetAndNotEmptyAndTheFirstMatchingRuleDecides() {
		JobRules rules = JobRules
			.parse(List.of(Map.of("if", "$A == \"x\" && $B", "when", "never"), Map.of("if", "$B || $C != \"y\"")));

		assertThat(rules.addsJob(Map.of("A", "x", "B", "1"))).isFalse();
		assertThat(rules.addsJob(Map.of("A", "x", "B", ""))).isTrue(); // $C unset != "y"
		assertThat(rules.addsJob(Map.of("C", "y"))).isFalse();
		assertThat(rules.addsJob(Map.of("B", "1", "C", "y"))).isTrue();
		assertThat(JobRules.parse(null).addsJob(Map.of())).isTrue();
	}

	@Test
	void expressionsTheEvaluatorDoesNotKnowAreRefusedNotGuessed() {
		assertThatThrownBy(() -> JobRules.parse(List.of(Map.of("if", "$CI_COMMIT_BRANCH =~ /^feat/"))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> JobRules.parse(List.of(Map.of("if", "($A || $B) && $C"))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> JobRules.parse(List.of(Map.of("if", "$A", "when", "manual"))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> JobRules.parse(List.of(Map.of("changes", List.of("Dockerfile")))))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void tagPipelinesHaveNoBranchAndMergeRequestPipelinesNeither() {
		assertThat(Pipeline.tag("v1.0", "main").variables("g/web", COMMIT)).containsEntry("CI_COMMIT_TAG", "v1.0")
			.containsEntry("CI_COMMIT_REF_SLUG", "v1-0")
			.doesNotContainKey("CI_COMMIT_BRANCH");
		assertThat(Pipeline.mergeRequest("feature/Login", "main").variables("g/web", COMMIT))
			.containsEntry("CI_PIPELINE_SOURCE", "merge_request_event")
			.containsEntry("CI_COMMIT_REF_SLUG", "feature-login")
			.doesNotContainKeys("CI_COMMIT_BRANCH", "CI_COMMIT_TAG");
	}

	private static ServedJob served(Builder builder) {
		return ServedJob.parse(new RunnerTemplates().gitlabCi(new CiTemplate("alice", "wm-alice",
				builder.defaultImage(), "host.docker.internal:5000/alice", builder)), "build-image");
	}

}
