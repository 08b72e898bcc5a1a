package org.whalemountain.workloads.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's account on the cluster, without a cluster: the objects for a user are compared
 * with the expected YAML next to this test (what {@code kubectl apply} would be given).
 */
class UserNamespaceObjectsTests {

	/**
	 * The defaults of wm.workloads: 5 containers of 1 CPU and 512 MiB, 4 GiB together.
	 */
	static final UserLimits DEFAULTS = new UserLimits(5, 1_000_000_000L, 512L << 20, 4L << 30);

	@Test
	void aUsersNamespaceWithTheDefaultLimitsAndAnIngressController() throws IOException {
		List<HasMetadata> objects = UserNamespaceObjects.of("alice", "wm-alice", DEFAULTS, "ingress-nginx");

		assertYaml(objects, "user-namespace-alice.yaml");
	}

	@Test
	void oddLimitsAndNoIngressControllerLetNothingIn() throws IOException {
		UserLimits odd = new UserLimits(2, 1_500_000_000L, 300_000_000L, 0);

		List<HasMetadata> objects = UserNamespaceObjects.of("Alice.Smith", "wm-alice-smith-0123456789", odd, "");

		assertYaml(objects, "user-namespace-odd-limits.yaml");
	}

	@Test
	void withRunnersOnKubernetesTheNamespaceHoldsTheRunnersAccountBoundToItsClusterRole() throws IOException {
		List<HasMetadata> objects = UserNamespaceObjects.of("alice", "wm-alice", DEFAULTS, "ingress-nginx", true);

		assertYaml(objects, "user-namespace-alice-runner.yaml");
	}

	@Test
	void withoutRunnersOnKubernetesThereIsNoRunnerAccount() {
		List<HasMetadata> objects = UserNamespaceObjects.of("alice", "wm-alice", DEFAULTS, "ingress-nginx", false);

		assertThat(objects).extracting((object) -> object.getMetadata().getName())
			.doesNotContain(UserNamespaceObjects.RUNNER_ACCOUNT);
	}

	@Test
	void theUsersRoleNeverTouchesSecretsRolesOrQuotasNorWritesWorkloads() {
		List<PolicyRule> rules = UserNamespaceObjects.userRules();
		assertThat(rules).flatExtracting(PolicyRule::getResources)
			.doesNotContain("secrets", "roles", "rolebindings", "resourcequotas", "limitranges", "networkpolicies",
					"serviceaccounts", "serviceaccounts/token", "*");
		assertThat(rules).filteredOn((rule) -> rule.getVerbs().stream().anyMatch((v) -> !v.matches("get|list|watch")))
			.allSatisfy((rule) -> assertThat(rule.getResources()).allMatch((r) -> r.startsWith("pods")));
	}

	static String yaml(List<HasMetadata> objects) {
		return objects.stream().map(Serialization::asYaml).collect(Collectors.joining());
	}

	private void assertYaml(List<HasMetadata> objects, String expectedFile) throws IOException {
		String actual = yaml(objects);
		if (Boolean.getBoolean("wm.test.write-expected")) {
			Files.writeString(Path.of("src/test/resources/org/whalemountain/workloads/kubernetes", expectedFile),
					actual);
		}
		try (InputStream in = getClass().getResourceAsStream(expectedFile)) {
			assertThat(in).as(expectedFile).isNotNull();
			assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

}
