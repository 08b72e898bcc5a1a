package org.whalemountain.runners.templates;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.whalemountain.registry.BuildCaches;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

class CiTemplatesTests {

	private final RunnerTemplates templates = new RunnerTemplates();

	@Test
	void buildKitTemplateIsTheExpectedFile() {
		assertThat(this.templates.gitlabCi(TemplateVariants.ALICE_CI_BUILDKIT))
			.isEqualTo(TemplateVariants.expected("gitlab-ci-buildkit.yml"));
	}

	@Test
	void buildahTemplateIsTheExpectedFile() {
		assertThat(this.templates.gitlabCi(TemplateVariants.ALICE_CI_BUILDAH))
			.isEqualTo(TemplateVariants.expected("gitlab-ci-buildah.yml"));
	}

	@Test
	void eachBuilderRunsOnlyOnTheUsersRunnerWithItsImageAndNoServices() {
		for (CiTemplate template : List.of(TemplateVariants.ALICE_CI_BUILDKIT, TemplateVariants.ALICE_CI_BUILDAH)) {
			Map<String, Object> ci = new Yaml().load(this.templates.gitlabCi(template));
			Map<String, Object> job = map(ci.get("build-image"));

			assertThat(map(job.get("image")).get("name")).isEqualTo(template.buildImage());
			assertThat(job.get("tags")).isEqualTo(List.of("wm-alice"));
			assertThat(ci).doesNotContainKey("services");
			assertThat(job).doesNotContainKey("services");
			assertThat(script(job)).doesNotContain("privileged");
		}
	}

	@Test
	void mergeRequestPipelinesDoNotBuildAndBranchesAndTagsDo() {
		Map<String, Object> job = map(
				new Yaml().<Map<String, Object>>load(this.templates.gitlabCi(TemplateVariants.ALICE_CI_BUILDKIT))
					.get("build-image"));

		List<Map<String, Object>> rules = list(job.get("rules"));
		assertThat(rules.get(0)).containsEntry("if", "$CI_PIPELINE_SOURCE == \"merge_request_event\"")
			.containsEntry("when", "never");
		assertThat(rules.get(1)).containsExactly(Map.entry("if", "$CI_COMMIT_BRANCH || $CI_COMMIT_TAG"));
	}

	@Test
	void dockerfileAndContextHaveDefaultsTheBuildUses() {
		for (CiTemplate template : List.of(TemplateVariants.ALICE_CI_BUILDKIT, TemplateVariants.ALICE_CI_BUILDAH)) {
			Map<String, Object> job = map(
					new Yaml().<Map<String, Object>>load(this.templates.gitlabCi(template)).get("build-image"));

			assertThat(map(job.get("variables"))).containsEntry("WM_DOCKERFILE", "Dockerfile")
				.containsEntry("WM_CONTEXT", ".");
			assertThat(script(job)).contains("$WM_DOCKERFILE").contains("\"$WM_CONTEXT\"");
		}
	}

	@Test
	void buildKitPullsPushesAndCachesThroughTheSameRegistrySettings() {
		String script = script(
				map(new Yaml().<Map<String, Object>>load(this.templates.gitlabCi(TemplateVariants.ALICE_CI_BUILDKIT))
					.get("build-image")));

		// FROM pulls read buildkitd.toml: registry.insecure on the output alone covers
		// only the push
		assertThat(script).contains("printf '  http = true\\n  insecure = true\\n'")
			.contains("printf '  ca = [\"%s\"]\\n' \"$WM_CA_FILE\"")
			.contains("--import-cache \"type=registry,ref=$IMAGE:buildcache$OPTS\"")
			.contains("--export-cache \"type=registry,ref=$IMAGE:buildcache,mode=max$OPTS\"")
			.contains("push=true$OPTS");
	}

	@Test
	void buildahBuildsRootlessInAChrootOnVfs() {
		String script = script(
				map(new Yaml().<Map<String, Object>>load(this.templates.gitlabCi(TemplateVariants.ALICE_CI_BUILDAH))
					.get("build-image")));

		assertThat(script).contains("buildah bud \"$@\" --isolation chroot")
			.contains("--storage-driver vfs")
			.contains("--tls-verify=false")
			.contains("--cert-dir \"$(dirname \"$WM_CA_FILE\")\"");
	}

	@Test
	void eachBuilderKeepsItsCacheWhereTheRegistrySyncSkipsIt() {
		String buildah = script(
				map(new Yaml().<Map<String, Object>>load(this.templates.gitlabCi(TemplateVariants.ALICE_CI_BUILDAH))
					.get("build-image")));
		String buildkit = script(
				map(new Yaml().<Map<String, Object>>load(this.templates.gitlabCi(TemplateVariants.ALICE_CI_BUILDKIT))
					.get("build-image")));

		// the same settings ("$@": insecure, CA, credentials) reach the cache as the push
		assertThat(buildah).contains("buildah bud \"$@\"")
			.contains("--cache-from \"$IMAGE--buildcache\" --cache-to \"$IMAGE--buildcache\"");
		assertThat(BuildCaches.isCacheRepository("alice/group/web--buildcache")).isTrue();
		assertThat(buildkit).contains("ref=$IMAGE:buildcache$OPTS").contains("ref=$IMAGE:buildcache,mode=max$OPTS");
		assertThat(BuildCaches.isCache("alice/group/web", "buildcache")).isTrue();
	}

	static String script(Map<String, Object> job) {
		return String.join("\n", TemplateVariants.<String>listOf(job.get("script")));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	private static List<Map<String, Object>> list(Object value) {
		return TemplateVariants.listOf(value);
	}

}
