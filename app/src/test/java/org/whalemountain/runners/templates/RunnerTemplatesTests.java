package org.whalemountain.runners.templates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerTemplatesTests {

	private final RunnerTemplates templates = new RunnerTemplates();

	private final RunnerConfig alice = new RunnerConfig("alice", "wm-runner-alice", "https://gitlab.dept.test", 42L,
			"glrt-secret\"token\\",
			List.of("WM_REGISTRY=registry.dept.test:5000", "WM_IMAGE_PREFIX=registry.dept.test:5000/alice",
					"WM_REGISTRY_PASSWORD=p\"w\\d"),
			"moby/buildkit:v0.25.1-rootless", List.of("moby/buildkit:v0.25.1-rootless", "alpine:3.22"), List.of(),
			List.of("seccomp:unconfined", "apparmor:unconfined"), "wm-alice", "2", "4g", 1, "1000:1000");

	@Test
	void configTomlIsTheExpectedFile() throws IOException {
		String expected = new String(
				getClass().getResourceAsStream("/org/whalemountain/runners/templates/config-alice.toml").readAllBytes(),
				StandardCharsets.UTF_8);

		assertThat(this.templates.configToml(this.alice)).isEqualTo(expected);
	}

	@Test
	void jobsRunAsTheConfiguredUserAndMayAskForNoOther() {
		TomlTable docker = Toml.parse(this.templates.configToml(this.alice))
			.getArray("runners")
			.getTable(0)
			.getTable("docker");

		// gitlab-runner: the runner's user wins over a job's image: docker: user:, and a
		// user outside allowed_users fails the job
		assertThat(docker.getString("user")).isEqualTo("1000:1000");
		assertThat(strings(docker.getArray("allowed_users"))).containsExactly("1000:1000");
	}

	@Test
	void configTomlParsesAndIsHardened() {
		TomlParseResult toml = Toml.parse(this.templates.configToml(this.alice));

		assertThat(toml.errors()).isEmpty();
		assertThat(toml.getLong("concurrent")).isEqualTo(1);
		TomlTable runner = toml.getArray("runners").getTable(0);
		assertThat(runner.getString("name")).isEqualTo("wm-runner-alice");
		assertThat(runner.getString("url")).isEqualTo("https://gitlab.dept.test");
		assertThat(runner.getLong("id")).isEqualTo(42);
		assertThat(runner.getString("token")).isEqualTo("glrt-secret\"token\\");
		assertThat(runner.getString("executor")).isEqualTo("docker");
		assertThat(strings(runner.getArray("environment"))).containsExactly("WM_REGISTRY=registry.dept.test:5000",
				"WM_IMAGE_PREFIX=registry.dept.test:5000/alice", "WM_REGISTRY_PASSWORD=p\"w\\d");

		TomlTable docker = runner.getTable("docker");
		assertThat(docker.getBoolean("privileged")).isFalse();
		assertThat(strings(docker.getArray("volumes"))).containsExactly("/cache");
		assertThat(strings(docker.getArray("allowed_images"))).containsExactly("moby/buildkit:v0.25.1-rootless",
				"alpine:3.22");
		assertThat(docker.getArray("allowed_services").isEmpty()).isTrue();
		assertThat(docker.getLong("services_limit")).isZero();
		assertThat(docker.getString("service_memory")).isEqualTo("4g");
		assertThat(docker.getArray("allowed_privileged_images").isEmpty()).isTrue();
		assertThat(docker.getArray("allowed_privileged_services").isEmpty()).isTrue();
		assertThat(docker.getString("network_mode")).isEqualTo("wm-alice");
		assertThat(docker.getString("cpus")).isEqualTo("2");
		assertThat(docker.getString("memory")).isEqualTo("4g");
		assertThat(docker.toMap().toString()).doesNotContain("docker.sock");
	}

	@Test
	void configTomlUsesOnlyKeysGitlabRunnerKnows() {
		TomlParseResult toml = Toml.parse(this.templates.configToml(this.alice));

		// from gitlab-runner common/config.go: Config, RunnerConfig, RunnerSettings,
		// DockerConfig
		assertThat(toml.keySet()).isSubsetOf("concurrent", "check_interval", "shutdown_timeout", "log_level",
				"runners");
		TomlTable runner = toml.getArray("runners").getTable(0);
		assertThat(runner.keySet()).isSubsetOf("name", "url", "id", "token", "executor", "environment", "docker");
		assertThat(runner.getTable("docker").keySet()).isSubsetOf("image", "user", "allowed_users", "privileged",
				"disable_entrypoint_overwrite", "oom_kill_disable", "disable_cache", "volumes", "shm_size",
				"network_mode", "cpus", "memory", "pull_policy", "allowed_pull_policies", "allowed_images",
				"allowed_services", "services_limit", "service_cpus", "service_memory", "allowed_privileged_images",
				"allowed_privileged_services", "security_opt");
	}

	@Test
	void allowedServicesLiftTheServicesLimit() {
		RunnerConfig withServices = new RunnerConfig("bob", "wm-runner-bob", "https://gitlab.dept.test", 1L, "glrt-x",
				List.of(), "b:1", List.of("b:1"), List.of("postgres:17"), List.of(), "wm-bob", "1", "1g", 1,
				"1000:1000");

		TomlTable docker = Toml.parse(this.templates.configToml(withServices))
			.getArray("runners")
			.getTable(0)
			.getTable("docker");

		assertThat(strings(docker.getArray("allowed_services"))).containsExactly("postgres:17");
		assertThat(docker.getLong("services_limit")).isEqualTo(-1);
	}

	@Test
	void unknownRunnerIdIsLeftOut() {
		RunnerConfig withoutId = new RunnerConfig("bob", "wm-runner-bob", "https://gitlab.dept.test", null, "glrt-x",
				List.of(), "b:1", List.of("b:1"), List.of(), List.of(), "wm-bob", "1", "1g", 1, "1000:1000");

		TomlParseResult toml = Toml.parse(this.templates.configToml(withoutId));

		assertThat(toml.errors()).isEmpty();
		assertThat(toml.getArray("runners").getTable(0).contains("id")).isFalse();
	}

	@Test
	@SuppressWarnings("unchecked")
	void gitlabCiParsesAndUsesOnlyAllowedImagesOnTheUsersRunner() {
		String yaml = this.templates.gitlabCi(
				new CiTemplate("alice", "wm-alice", "moby/buildkit:v0.25.1-rootless", "registry:5000/alice", true));

		Map<String, Object> ci = new Yaml().load(yaml);
		Map<String, Object> job = (Map<String, Object>) ci.get("build-image");
		Map<String, Object> image = (Map<String, Object>) job.get("image");
		assertThat(this.alice.allowedImages()).contains((String) image.get("name"));
		assertThat((List<String>) job.get("tags")).containsExactly("wm-alice");
		assertThat(String.join("\n", (List<String>) job.get("script"))).contains("buildctl-daemonless.sh build")
			.contains("$IMAGE:$CI_COMMIT_SHORT_SHA,$IMAGE:latest")
			.contains("push=true")
			.contains("registry.insecure=true")
			.doesNotContain("privileged");
		assertThat(ci).doesNotContainKey("services");
		assertThat(job).doesNotContainKey("services");
	}

	private static List<String> strings(TomlArray array) {
		return array.toList().stream().map(String.class::cast).toList();
	}

}
