package org.whalemountain.runners.templates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.whalemountain.registry.BuildCaches;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the image-name and tag step of the served {@code .gitlab-ci.yml} as jobs do, with
 * Debian's dash and with BusyBox (the shell of Alpine-based build images).
 */
class ImageNameScriptTests {

	/** Distribution's repository path grammar, as the token service checks it. */
	private static final Pattern REPOSITORY = Pattern
		.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

	private static final String PREFIX = "host.docker.internal:5000/alice";

	private final String step = firstScriptItem();

	@ParameterizedTest
	@ValueSource(strings = { "sh", "busybox" })
	void projectsWithTheSameNameInDifferentGroupsGetDifferentImages(String shell) throws Exception {
		assertThat(image(shell, "groupA/web")).isEqualTo(PREFIX + "/groupa/web");
		assertThat(image(shell, "groupB/web")).isEqualTo(PREFIX + "/groupb/web");
		assertThat(image(shell, "Dept/Sub.Group/my_app")).isEqualTo(PREFIX + "/dept/sub.group/my_app");
	}

	@ParameterizedTest
	@ValueSource(strings = { "sh", "busybox" })
	void oddPathComponentsBecomeValidNamesThatSayWhatTheyWere(String shell) throws Exception {
		assertThat(image(shell, "alice/_web")).isEqualTo(PREFIX + "/alice/web--5f776562");
		assertThat(image(shell, "alice/.hidden")).isEqualTo(PREFIX + "/alice/hidden--2e68696464656e");
		assertThat(image(shell, "alice/web_")).isEqualTo(PREFIX + "/alice/web--7765625f");
		assertThat(image(shell, "alice/___")).isEqualTo(PREFIX + "/alice/x--5f5f5f");
		assertThat(image(shell, "alice/a__b")).isEqualTo(PREFIX + "/alice/a__b");
	}

	@ParameterizedTest
	@ValueSource(strings = { "sh", "busybox" })
	void noTwoOddProjectPathsShareAnImageAndEveryNameIsValid(String shell) throws Exception {
		List<String> paths = List.of("g/web", "g/_web", "g/web_", "g/.web", "g/web-", "g/w-eb", "g/w_eb", "g/w.eb",
				"g/w__eb", "g/w--eb", "g/w---eb", "g/w-.eb", "g/w._eb", "g/x--776562", "g/web--5f776562", "g/WEB.",
				"g/_", "g/.", "g/web/x", "g/web-x", "g-web/x", "g.web/x");
		Set<String> images = new HashSet<>();
		for (String path : paths) {
			String image = image(shell, path);
			assertThat(image).startsWith(PREFIX + "/");
			assertThat(image.substring(PREFIX.length() - "alice".length())).matches(REPOSITORY);
			images.add(image);
		}
		assertThat(images).hasSize(paths.size());
	}

	@ParameterizedTest
	@ValueSource(strings = { "sh", "busybox" })
	void noProjectGetsTheNameOfAnotherProjectsBuildCache(String shell) throws Exception {
		for (String path : List.of("g/web--buildcache", "g/web-buildcache", "g/buildcache", "g/web/buildcache",
				"g/web_--buildcache", "g/-buildcache")) {
			String repository = image(shell, path).substring(PREFIX.length() - "alice".length());
			assertThat(BuildCaches.isCacheRepository(repository)).as("%s -> %s", path, repository).isFalse();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "sh", "busybox" })
	void onlyTheDefaultBranchMovesLatest(String shell) throws Exception {
		assertThat(run(shell,
				Map.of("CI_PROJECT_PATH", "g/web", "CI_COMMIT_BRANCH", "main", "CI_DEFAULT_BRANCH", "main",
						"CI_COMMIT_REF_SLUG", "main", "CI_COMMIT_SHORT_SHA", "1a2b3c4d"),
				"$TAGS"))
			.isEqualTo("1a2b3c4d latest");
		assertThat(run(shell,
				Map.of("CI_PROJECT_PATH", "g/web", "CI_COMMIT_BRANCH", "feature/Login", "CI_DEFAULT_BRANCH", "main",
						"CI_COMMIT_REF_SLUG", "feature-login", "CI_COMMIT_SHORT_SHA", "1a2b3c4d"),
				"$TAGS"))
			.isEqualTo("feature-login-1a2b3c4d");
		assertThat(run(shell,
				Map.of("CI_PROJECT_PATH", "g/web", "CI_COMMIT_TAG", "v1.0", "CI_DEFAULT_BRANCH", "main",
						"CI_COMMIT_REF_SLUG", "v1-0", "CI_COMMIT_SHORT_SHA", "1a2b3c4d"),
				"$TAGS"))
			.isEqualTo("v1-0-1a2b3c4d");
	}

	private String image(String shell, String projectPath) throws Exception {
		return run(shell, Map.of("CI_PROJECT_PATH", projectPath, "CI_COMMIT_BRANCH", "main", "CI_DEFAULT_BRANCH",
				"main", "CI_COMMIT_SHORT_SHA", "1a2b3c4d"), "$IMAGE");
	}

	private String run(String shell, Map<String, String> ci, String print) throws IOException, InterruptedException {
		List<String> command = shell.equals("busybox")
				? List.of("busybox", "sh", "-c", this.step + "\nprintf '%s' \"" + print + "\"")
				: List.of("sh", "-c", this.step + "\nprintf '%s' \"" + print + "\"");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
		Map<String, String> env = builder.environment();
		env.keySet().retainAll(Set.of("PATH"));
		env.put("WM_IMAGE_PREFIX", PREFIX);
		env.put("WM_DOCKERFILE", "Dockerfile");
		env.put("WM_CONTEXT", ".");
		env.putAll(ci);
		Process process = builder.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String last = out.substring(out.lastIndexOf('\n') + 1);
		assertThat(process.waitFor()).as(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
			.isZero();
		return last;
	}

	private static String firstScriptItem() {
		Map<String, Object> ci = new Yaml().load(new RunnerTemplates().gitlabCi(TemplateVariants.ALICE_CI_BUILDKIT));
		@SuppressWarnings("unchecked")
		Map<String, Object> job = (Map<String, Object>) ci.get("build-image");
		return TemplateVariants.<String>listOf(job.get("script")).get(0);
	}

}
