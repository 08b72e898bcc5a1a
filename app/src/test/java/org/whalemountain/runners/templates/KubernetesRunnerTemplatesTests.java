package org.whalemountain.runners.templates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kubernetes executor's {@code config.toml}: jobs in the user's namespace only, under
 * its quota, as a non-root user, with no token, no privileges and the allowed images
 * only.
 */
class KubernetesRunnerTemplatesTests {

	private final RunnerTemplates templates = new RunnerTemplates();

	@Test
	void buildahOnKubernetesIsTheExpectedFile() throws IOException {
		assertExpected(TemplateVariants.CAROL_KUBERNETES_BUILDAH, "config-kubernetes-buildah.toml");
	}

	@Test
	void buildKitOnKubernetesIsTheExpectedFile() throws IOException {
		assertExpected(TemplateVariants.ALICE_KUBERNETES_BUILDKIT, "config-kubernetes-buildkit.toml");
	}

	@Test
	void jobsStayInTheUsersNamespaceAndCannotChooseAnother() {
		TomlTable runner = runner(TemplateVariants.CAROL_KUBERNETES_BUILDAH);
		TomlTable kubernetes = runner.getTable("kubernetes");

		assertThat(runner.getString("executor")).isEqualTo("kubernetes");
		assertThat(runner.contains("docker")).isFalse();
		assertThat(kubernetes.getString("namespace")).isEqualTo("wm-carol-k-1a2b3c4d5e");
		assertThat(kubernetes.getBoolean("namespace_per_job")).isFalse();
		// gitlab-runner reads an empty overwrite pattern as "no overwrite"
		assertThat(kubernetes.getString("namespace_overwrite_allowed")).isEmpty();
		assertThat(kubernetes.getString("service_account_overwrite_allowed")).isEmpty();
		assertThat(kubernetes.getBoolean("bearer_token_overwrite_allowed")).isFalse();
		// in-cluster: the runner pod's own ServiceAccount, never a configured credential
		assertThat(kubernetes.contains("host")).isFalse();
		assertThat(kubernetes.contains("bearer_token")).isFalse();
		assertThat(kubernetes.contains("service_account")).isFalse();
		assertThat(kubernetes.getBoolean("automount_service_account_token")).isFalse();
	}

	@Test
	void jobsRunAsTheJobUserNeverPrivilegedWithEveryCapabilityDropped() {
		TomlTable kubernetes = runner(TemplateVariants.CAROL_KUBERNETES_BUILDAH).getTable("kubernetes");

		assertThat(kubernetes.getBoolean("privileged")).isFalse();
		assertThat(kubernetes.getBoolean("allow_privilege_escalation")).isFalse();
		assertThat(strings(kubernetes.getArray("cap_drop"))).containsExactly("ALL");
		assertThat(strings(kubernetes.getArray("allowed_users"))).containsExactly("2000");
		assertThat(strings(kubernetes.getArray("allowed_groups"))).containsExactly("3000");
		TomlTable pod = kubernetes.getTable("pod_security_context");
		assertThat(pod.getBoolean("run_as_non_root")).isTrue();
		assertThat(pod.getLong("run_as_user")).isEqualTo(2000);
		assertThat(pod.getLong("run_as_group")).isEqualTo(3000);
		assertThat(pod.getString("seccomp_profile.type")).isEqualTo("RuntimeDefault");
		for (String container : List.of("build", "helper", "service", "init_permissions")) {
			TomlTable context = kubernetes.getTable(container + "_container_security_context");
			assertThat(context.getBoolean("privileged")).as(container).isFalse();
			assertThat(context.getBoolean("allow_privilege_escalation")).as(container).isFalse();
			assertThat(context.getBoolean("run_as_non_root")).as(container).isTrue();
			assertThat(strings(context.getArray("capabilities.drop"))).as(container).containsExactly("ALL");
			assertThat(context.contains("seccomp_profile")).as(container).isFalse();
		}
	}

	@Test
	void jobsUseTheAllowedImagesAndTheAllowedServicesOnly() {
		TomlTable kubernetes = runner(TemplateVariants.CAROL_KUBERNETES_BUILDAH).getTable("kubernetes");

		assertThat(kubernetes.getString("image")).isEqualTo(TemplateVariants.BUILDAH_IMAGE);
		assertThat(strings(kubernetes.getArray("allowed_images"))).containsExactly(TemplateVariants.BUILDAH_IMAGE,
				"alpine:3.22");
		assertThat(strings(kubernetes.getArray("allowed_services"))).containsExactly("postgres:17");
		assertThat(strings(kubernetes.getArray("allowed_pull_policies"))).containsExactly("if-not-present");
	}

	@Test
	void withoutAllowedServicesThePatternMatchesNoImage() {
		TomlTable kubernetes = runner(TemplateVariants.ALICE_KUBERNETES_BUILDKIT).getTable("kubernetes");

		// an empty list would allow any service image on the kubernetes executor
		assertThat(strings(kubernetes.getArray("allowed_services"))).containsExactly("");
	}

	@Test
	void theNamespaceQuotaNotTheRunnerSetsJobLimits() {
		TomlTable kubernetes = runner(TemplateVariants.CAROL_KUBERNETES_BUILDAH).getTable("kubernetes");

		// a limit above the LimitRange's maximum would make the cluster refuse every job
		// pod
		assertThat(kubernetes.keySet()).noneMatch((key) -> key.endsWith("_limit") || key.endsWith("_request"));
	}

	@Test
	void rootlessBuildKitLiftsTheBuildContainersProfilesOnly() {
		TomlTable kubernetes = runner(TemplateVariants.ALICE_KUBERNETES_BUILDKIT).getTable("kubernetes");

		TomlTable build = kubernetes.getTable("build_container_security_context");
		assertThat(build.getString("seccomp_profile.type")).isEqualTo("Unconfined");
		assertThat(build.getString("app_armor_profile.type")).isEqualTo("Unconfined");
		assertThat(build.getBoolean("privileged")).isFalse();
		assertThat(kubernetes.getTable("pod_annotations").toMap())
			.containsExactly(java.util.Map.entry("container.apparmor.security.beta.kubernetes.io/build", "unconfined"));
		assertThat(kubernetes.getString("pod_security_context.seccomp_profile.type")).isEqualTo("RuntimeDefault");
		for (String container : List.of("helper", "service", "init_permissions")) {
			TomlTable context = kubernetes.getTable(container + "_container_security_context");
			assertThat(context.contains("seccomp_profile")).as(container).isFalse();
			assertThat(context.contains("app_armor_profile")).as(container).isFalse();
		}
	}

	@Test
	void buildahOnKubernetesNeedsNoAnnotation() {
		TomlTable kubernetes = runner(TemplateVariants.CAROL_KUBERNETES_BUILDAH).getTable("kubernetes");

		assertThat(kubernetes.contains("pod_annotations")).isFalse();
	}

	private TomlTable runner(RunnerConfig config) {
		TomlParseResult toml = Toml.parse(this.templates.configToml(config));
		assertThat(toml.errors()).isEmpty();
		return toml.getArray("runners").getTable(0);
	}

	private void assertExpected(RunnerConfig config, String file) throws IOException {
		String actual = this.templates.configToml(config);
		if (Boolean.getBoolean("wm.test.write-expected")) {
			Files.writeString(Path.of("src/test/resources/org/whalemountain/runners/templates", file), actual);
		}
		assertThat(actual).isEqualTo(TemplateVariants.expected(file));
	}

	private static List<String> strings(TomlArray array) {
		return array.toList().stream().map(String.class::cast).toList();
	}

}
