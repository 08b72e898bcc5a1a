package org.whalemountain.workloads.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner's account: the ClusterRole the operator applies holds exactly the rules the
 * code documents, and it stays within the user's namespace and away from what would let a
 * runner widen its own rights.
 */
class RunnerAccountTests {

	@Test
	void theOperatorsClusterRoleHoldsExactlyTheRunnersRules() throws IOException {
		ClusterRole applied = deployed(RunnerAccount.CLUSTER_ROLE);

		assertThat(applied.getRules()).extracting(RunnerAccountTests::describe)
			.containsExactlyElementsOf(RunnerAccount.rules().stream().map(RunnerAccountTests::describe).toList());
	}

	@Test
	void theServiceMayBindThatClusterRoleAndNoOther() throws IOException {
		ClusterRole service = deployed("whalemountain");

		List<PolicyRule> binds = service.getRules()
			.stream()
			.filter((rule) -> rule.getVerbs().contains("bind"))
			.toList();
		assertThat(binds).singleElement().satisfies((rule) -> {
			assertThat(rule.getResources()).containsExactly("clusterroles");
			assertThat(rule.getResourceNames()).containsExactly(RunnerAccount.CLUSTER_ROLE);
			assertThat(rule.getVerbs()).containsExactly("bind");
		});
		assertThat(service.getRules()).flatExtracting(PolicyRule::getVerbs).doesNotContain("escalate", "*");
		// the engine makes and removes the Secrets of a container's files and pull
		// credentials by name, but the service never reads a Secret back, nor lists them
		assertThat(service.getRules()).filteredOn((rule) -> rule.getResources().contains("secrets"))
			.flatExtracting(PolicyRule::getVerbs)
			.containsOnly("create", "delete");
	}

	@Test
	void theRunnerNeverTouchesRbacQuotasNamespacesOrWorkloadControllers() {
		assertThat(RunnerAccount.rules()).flatExtracting(PolicyRule::getResources)
			.doesNotContain("namespaces", "roles", "rolebindings", "resourcequotas", "limitranges", "networkpolicies",
					"serviceaccounts", "serviceaccounts/token", "deployments", "configmaps", "*");
		assertThat(RunnerAccount.rules()).flatExtracting(PolicyRule::getApiGroups).containsOnly("");
	}

	@Test
	void theBindingGrantsInTheUsersNamespaceOnly() {
		List<HasMetadata> objects = RunnerAccount.objects("wm-alice",
				new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("runner")
					.withNamespace("wm-alice")
					.build());

		// a RoleBinding, never a ClusterRoleBinding: the ClusterRole's rules hold in this
		// namespace alone
		assertThat(objects).filteredOn(RoleBinding.class::isInstance).singleElement().satisfies((object) -> {
			RoleBinding binding = (RoleBinding) object;
			assertThat(binding.getMetadata().getNamespace()).isEqualTo("wm-alice");
			assertThat(binding.getSubjects()).singleElement()
				.satisfies((subject) -> assertThat(subject.getNamespace()).isEqualTo("wm-alice"));
		});
	}

	private static String describe(PolicyRule rule) {
		return rule.getApiGroups() + " " + rule.getResources() + " " + rule.getResourceNames() + " " + rule.getVerbs();
	}

	private static ClusterRole deployed(String name) throws IOException {
		Path file = Path.of("..", "deploy/kubernetes/service-account.yaml");
		return java.util.Arrays.stream(Files.readString(file).split("(?m)^---$"))
			.filter((document) -> document.contains("kind:"))
			.map((document) -> (HasMetadata) Serialization.unmarshal(document))
			.filter(ClusterRole.class::isInstance)
			.map(ClusterRole.class::cast)
			.filter((role) -> role.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No ClusterRole " + name + " in " + file));
	}

}
