package org.whalemountain.runners.templates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rendered {@code config.toml} parses as TOML and uses only keys gitlab-runner's
 * {@code common/config.go} defines, table by table: an unknown key is ignored by
 * gitlab-runner without a word, so a misspelt hardening option would silently do nothing.
 * The allowed keys are read from the module source by
 * {@code scripts/factory config-keys}.
 */
class RunnerConfigKeysTests {

	private static final Map<String, Set<String>> ALLOWED = allowedKeys();

	private final RunnerTemplates templates = new RunnerTemplates();

	static List<RunnerConfig> variants() {
		return List.of(TemplateVariants.ALICE_BUILDKIT, TemplateVariants.BOB_BUILDAH_CA_INSECURE);
	}

	static List<RunnerConfig> kubernetesVariants() {
		return List.of(TemplateVariants.CAROL_KUBERNETES_BUILDAH, TemplateVariants.ALICE_KUBERNETES_BUILDKIT);
	}

	@ParameterizedTest
	@MethodSource("variants")
	void everyKeyIsOneGitlabRunnerDefines(RunnerConfig variant) {
		TomlParseResult toml = Toml.parse(this.templates.configToml(variant));

		assertThat(toml.errors()).isEmpty();
		assertThat(toml.keySet()).isSubsetOf(ALLOWED.get("(top level)"));
		TomlTable runner = toml.getArray("runners").getTable(0);
		assertThat(runner.keySet()).isSubsetOf(ALLOWED.get("runners"));
		assertThat(runner.getTable("docker").keySet()).isSubsetOf(ALLOWED.get("runners.docker"));
	}

	@ParameterizedTest
	@MethodSource("variants")
	void theHardeningKeysAreAllThere(RunnerConfig variant) {
		TomlTable docker = Toml.parse(this.templates.configToml(variant))
			.getArray("runners")
			.getTable(0)
			.getTable("docker");

		// each of these is known to gitlab-runner (checked above) and must be present:
		// leaving one out falls back to gitlab-runner's permissive default
		assertThat(docker.keySet()).contains("privileged", "allowed_images", "allowed_services", "services_limit",
				"allowed_privileged_images", "allowed_privileged_services", "allowed_pull_policies", "user",
				"allowed_users", "volumes", "extra_hosts");
	}

	@ParameterizedTest
	@MethodSource("kubernetesVariants")
	void everyKubernetesKeyIsOneGitlabRunnerDefines(RunnerConfig variant) {
		TomlParseResult toml = Toml.parse(this.templates.configToml(variant));

		assertThat(toml.errors()).isEmpty();
		assertThat(toml.keySet()).isSubsetOf(ALLOWED.get("(top level)"));
		TomlTable runner = toml.getArray("runners").getTable(0);
		assertThat(runner.keySet()).isSubsetOf(ALLOWED.get("runners"));
		TomlTable kubernetes = runner.getTable("kubernetes");
		assertThat(kubernetes.keySet()).isSubsetOf(ALLOWED.get("runners.kubernetes"));
		for (String key : kubernetes.keySet()) {
			if (key.endsWith("security_context") && kubernetes.isTable(key)) {
				assertSecurityContextKeys(key, kubernetes.getTable(key));
			}
		}
	}

	@ParameterizedTest
	@MethodSource("kubernetesVariants")
	void theKubernetesHardeningKeysAreAllThere(RunnerConfig variant) {
		TomlTable kubernetes = Toml.parse(this.templates.configToml(variant))
			.getArray("runners")
			.getTable(0)
			.getTable("kubernetes");

		// each left out falls back to gitlab-runner's permissive default: any namespace,
		// any image, any service, the pod's token mounted, root allowed
		assertThat(kubernetes.keySet()).contains("namespace", "namespace_overwrite_allowed", "namespace_per_job",
				"privileged", "allow_privilege_escalation", "allowed_images", "allowed_services", "allowed_users",
				"allowed_groups", "allowed_pull_policies", "service_account_overwrite_allowed",
				"automount_service_account_token", "bearer_token_overwrite_allowed", "cap_drop", "pod_security_context",
				"build_container_security_context", "helper_container_security_context",
				"service_container_security_context", "init_permissions_container_security_context");
	}

	private static void assertSecurityContextKeys(String name, TomlTable context) {
		String table = name.equals("pod_security_context") ? "runners.kubernetes.pod_security_context"
				: "runners.kubernetes.*_container_security_context";
		assertThat(context.keySet()).as(name).isSubsetOf(ALLOWED.get(table));
		for (String nested : List.of("capabilities", "seccomp_profile", "app_armor_profile")) {
			if (context.isTable(nested)) {
				assertThat(context.getTable(nested).keySet()).as(name + "." + nested)
					.isSubsetOf(ALLOWED.get("runners.kubernetes.*." + nested));
			}
		}
	}

	private static Map<String, Set<String>> allowedKeys() {
		Map<String, List<String>> tables = new HashMap<>();
		List<String> current = new ArrayList<>();
		for (String line : TemplateVariants.expected("gitlab-runner-config-keys.txt").split("\n")) {
			if (line.startsWith("#") || line.isBlank()) {
				continue;
			}
			if (line.startsWith("[")) {
				current = new ArrayList<>();
				tables.put(line.substring(1, line.length() - 1), current);
			}
			else {
				current.add(line.strip());
			}
		}
		Map<String, Set<String>> allowed = new HashMap<>();
		tables.forEach((table, keys) -> allowed.put(table, Set.copyOf(keys)));
		assertThat(allowed).containsOnlyKeys("(top level)", "runners", "runners.docker", "runners.kubernetes",
				"runners.kubernetes.pod_security_context", "runners.kubernetes.*_container_security_context",
				"runners.kubernetes.*.capabilities", "runners.kubernetes.*.seccomp_profile",
				"runners.kubernetes.*.app_armor_profile");
		return allowed;
	}

}
