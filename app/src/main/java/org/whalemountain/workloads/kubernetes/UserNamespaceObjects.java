package org.whalemountain.workloads.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;

import org.whalemountain.workloads.engine.EngineLabels;

/**
 * A user's account on the cluster as objects, computed without a cluster: the namespace,
 * the ServiceAccount their kubeconfig speaks as, a Role with exactly what {@code kubectl
 * get/logs/exec/cp/port-forward} need (never secrets, roles or quotas), its RoleBinding,
 * the quota and default limits from the service's per-user limits, and NetworkPolicies
 * that let nothing in but the ingress controller.
 */
public final class UserNamespaceObjects {

	/** The ServiceAccount, Role and RoleBinding in every user namespace. */
	public static final String USER_ACCOUNT = "wm-user";

	/**
	 * The ServiceAccount and RoleBinding the user's GitLab Runner creates its job pods
	 * as, while runners run on Kubernetes ({@link RunnerAccount}): the runner's pod, and
	 * no other, gets its token.
	 */
	public static final String RUNNER_ACCOUNT = "runner";

	static final String QUOTA = "wm-quota";

	static final String LIMITS = "wm-limits";

	static final String DENY_INGRESS = "wm-deny-ingress";

	static final String ALLOW_INGRESS_CONTROLLER = "wm-allow-ingress-controller";

	private UserNamespaceObjects() {
	}

	/**
	 * The objects in the order they must be applied: the namespace first.
	 * @param username the user exactly as the service knows them
	 * @param namespace the namespace name ({@link NamespaceNames#namespace})
	 * @param limits the user's limits
	 * @param ingressNamespace the ingress controller's namespace, or empty for none
	 */
	public static List<HasMetadata> of(String username, String namespace, UserLimits limits, String ingressNamespace) {
		return of(username, namespace, limits, ingressNamespace, false);
	}

	/**
	 * As {@link #of(String, String, UserLimits, String)}, with the runner's account
	 * ({@link #RUNNER_ACCOUNT}) after the user's when {@code runnerAccount}.
	 */
	public static List<HasMetadata> of(String username, String namespace, UserLimits limits, String ingressNamespace,
			boolean runnerAccount) {
		List<HasMetadata> objects = new ArrayList<>();
		Map<String, String> namespaceLabels = new LinkedHashMap<>(labels(username));
		namespaceLabels.put(EngineLabels.KIND_LABEL, EngineLabels.USER_KIND);
		// the pods the service runs here are built to this standard; the label makes the
		// cluster refuse any other
		namespaceLabels.put("pod-security.kubernetes.io/enforce", "restricted");
		objects.add(
				new NamespaceBuilder()
					.withMetadata(new ObjectMetaBuilder().withName(namespace)
						.withLabels(namespaceLabels)
						.withAnnotations(Map.of(EngineLabels.OWNER_LABEL, username))
						.build())
					.build());
		objects.add(new ServiceAccountBuilder().withMetadata(meta(USER_ACCOUNT, namespace, username))
			.withAutomountServiceAccountToken(false)
			.build());
		objects.add(
				new RoleBuilder().withMetadata(meta(USER_ACCOUNT, namespace, username)).withRules(userRules()).build());
		objects.add(new RoleBindingBuilder().withMetadata(meta(USER_ACCOUNT, namespace, username))
			.addNewSubject()
			.withKind("ServiceAccount")
			.withName(USER_ACCOUNT)
			.withNamespace(namespace)
			.endSubject()
			.withNewRoleRef()
			.withApiGroup("rbac.authorization.k8s.io")
			.withKind("Role")
			.withName(USER_ACCOUNT)
			.endRoleRef()
			.build());
		if (runnerAccount) {
			objects.addAll(RunnerAccount.objects(namespace, meta(RUNNER_ACCOUNT, namespace, username)));
		}
		objects.add(new ResourceQuotaBuilder().withMetadata(meta(QUOTA, namespace, username))
			.withNewSpec()
			.withHard(limits.quota())
			.endSpec()
			.build());
		objects.add(new LimitRangeBuilder().withMetadata(meta(LIMITS, namespace, username))
			.withNewSpec()
			.addNewLimit()
			.withType("Container")
			.withDefault(limits.containerLimits())
			.withDefaultRequest(limits.containerRequests())
			.withMax(limits.containerLimits())
			.endLimit()
			.endSpec()
			.build());
		objects.add(new NetworkPolicyBuilder().withMetadata(meta(DENY_INGRESS, namespace, username))
			.withNewSpec()
			.withNewPodSelector()
			.endPodSelector()
			.withPolicyTypes("Ingress")
			.endSpec()
			.build());
		if (!ingressNamespace.isBlank()) {
			objects.add(new NetworkPolicyBuilder().withMetadata(meta(ALLOW_INGRESS_CONTROLLER, namespace, username))
				.withNewSpec()
				.withNewPodSelector()
				.endPodSelector()
				.withPolicyTypes("Ingress")
				.addNewIngress()
				.addNewFrom()
				.withNewNamespaceSelector()
				.addToMatchLabels("kubernetes.io/metadata.name", ingressNamespace)
				.endNamespaceSelector()
				.endFrom()
				.endIngress()
				.endSpec()
				.build());
		}
		return objects;
	}

	/**
	 * What {@code kubectl get/describe/logs/exec/cp/port-forward/attach} and deleting a
	 * stuck pod need in one's own namespace. Nothing that writes workloads (the service
	 * launches them, under the user's quota), and never secrets, roles or quotas.
	 */
	static List<PolicyRule> userRules() {
		return List.of(
				rule("", List.of("pods", "pods/log", "services", "events", "configmaps", "persistentvolumeclaims"),
						"get", "list", "watch"),
				rule("apps", List.of("deployments", "replicasets"), "get", "list", "watch"),
				rule("", List.of("pods/exec", "pods/portforward", "pods/attach"), "create"),
				rule("", List.of("pods"), "delete"));
	}

	static PolicyRule rule(String apiGroup, List<String> resources, String... verbs) {
		return new PolicyRuleBuilder().withApiGroups(apiGroup).withResources(resources).withVerbs(verbs).build();
	}

	private static ObjectMeta meta(String name, String namespace, String username) {
		return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels(username)).build();
	}

	private static Map<String, String> labels(String username) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put(EngineLabels.OWNER_LABEL, NamespaceNames.ownerLabel(username));
		labels.put("app.kubernetes.io/managed-by", "whalemountain");
		return labels;
	}

}
