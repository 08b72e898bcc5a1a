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
		assertThat(allowed).containsOnlyKeys("(top level)", "runners", "runners.docker");
		return allowed;
	}

}
