package org.whalemountain.runners.templates;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerTemplatesTests {

	private final RunnerTemplates templates = new RunnerTemplates();

	private final RunnerConfig alice = TemplateVariants.ALICE_BUILDKIT;

	@Test
	void configTomlIsTheExpectedFileForBuildKit() {
		assertThat(this.templates.configToml(this.alice)).isEqualTo(TemplateVariants.expected("config-buildkit.toml"));
	}

	@Test
	void configTomlIsTheExpectedFileForBuildahWithACaAndAnInsecureRegistry() {
		assertThat(this.templates.configToml(TemplateVariants.BOB_BUILDAH_CA_INSECURE))
			.isEqualTo(TemplateVariants.expected("config-buildah-ca-insecure.toml"));
	}

	@Test
	void theDepartmentCaIsTheOnlyHostPathAndIsReadOnly() {
		TomlTable docker = Toml.parse(this.templates.configToml(TemplateVariants.BOB_BUILDAH_CA_INSECURE))
			.getArray("runners")
			.getTable(0)
			.getTable("docker");

		assertThat(strings(docker.getArray("volumes"))).containsExactly("/cache",
				"/etc/whalemountain/dept-ca.pem:" + RunnerConfig.JOB_CA_FILE + ":ro");
	}

	@Test
	void jobsReachTheDockerHostByItsBridgeGateway() {
		TomlTable docker = Toml.parse(this.templates.configToml(this.alice))
			.getArray("runners")
			.getTable(0)
			.getTable("docker");

		assertThat(strings(docker.getArray("extra_hosts"))).containsExactly("host.docker.internal:host-gateway");
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
		assertThat(strings(runner.getArray("environment"))).containsExactly("WM_REGISTRY=host.docker.internal:5000",
				"WM_IMAGE_PREFIX=host.docker.internal:5000/alice", "WM_REGISTRY_USER=alice",
				"WM_REGISTRY_PASSWORD=p\"w\\d");

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
	void allowedServicesLiftTheServicesLimit() {
		RunnerConfig withServices = new RunnerConfig("bob", "wm-runner-bob", "https://gitlab.dept.test", 1L, "glrt-x",
				List.of(), "b:1", List.of("b:1"), List.of("postgres:17"), List.of(), "wm-bob", "1", "1g", 1,
				"1000:1000", "", null);

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
				List.of(), "b:1", List.of("b:1"), List.of(), List.of(), "wm-bob", "1", "1g", 1, "1000:1000", "", null);

		TomlParseResult toml = Toml.parse(this.templates.configToml(withoutId));

		assertThat(toml.errors()).isEmpty();
		assertThat(toml.getArray("runners").getTable(0).contains("id")).isFalse();
	}

	private static List<String> strings(TomlArray array) {
		return array.toList().stream().map(String.class::cast).toList();
	}

}
