package org.whalemountain.workloads.kubernetes;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;

/**
 * The identity a user's GitLab Runner has in the user's namespace while runners run on
 * Kubernetes ({@code wm.runners.engine=kubernetes}): a ServiceAccount and a RoleBinding
 * that grants it {@link #rules()} in that namespace only.
 * <p>
 * The rules live in the ClusterRole {@value #CLUSTER_ROLE} of
 * {@code deploy/kubernetes/service-account.yaml}, which a namespaced RoleBinding binds,
 * rather than in a Role per namespace: Kubernetes lets the service write a Role only with
 * every permission of it held itself, which for these rules would be reading and writing
 * every Secret on the cluster; binding one named ClusterRole needs only {@code bind} on
 * that one.
 */
final class RunnerAccount {

	/** The ClusterRole the operator applies, bound in each namespace. */
	static final String CLUSTER_ROLE = "whalemountain-runner";

	private RunnerAccount() {
	}

	/**
	 * The ServiceAccount mounts no token by default: the engine mounts it into the
	 * runner's pod alone, never into the pods of the jobs or of lent containers.
	 */
	static List<HasMetadata> objects(String namespace, ObjectMeta meta) {
		return List.of(new ServiceAccountBuilder().withMetadata(meta).withAutomountServiceAccountToken(false).build(),
				new RoleBindingBuilder().withMetadata(meta)
					.addNewSubject()
					.withKind("ServiceAccount")
					.withName(meta.getName())
					.withNamespace(namespace)
					.endSubject()
					.withNewRoleRef()
					.withApiGroup("rbac.authorization.k8s.io")
					.withKind("ClusterRole")
					.withName(CLUSTER_ROLE)
					.endRoleRef()
					.build());
	}

	/**
	 * What the kubernetes executor calls in the configuration the service renders (its
	 * source marks each call with the permission it needs): job pods made, watched,
	 * attached to, exec'd into and deleted, their logs, the secrets holding a job's
	 * registry credentials, services for a job's service containers, and the events it
	 * prints for a failing pod. Nothing for the features that configuration leaves off:
	 * no namespaces (one per job), no config maps or claims (suspendable environments),
	 * no deployments or priority classes (autoscaler), no disruption budgets, no service
	 * accounts (jobs name none). {@code deploy/kubernetes/service-account.yaml} must hold
	 * exactly these, which a test checks.
	 */
	static List<PolicyRule> rules() {
		return List.of(UserNamespaceObjects.rule("", List.of("pods"), "get", "list", "watch", "create", "delete"),
				UserNamespaceObjects.rule("", List.of("pods/exec", "pods/attach"), "get", "create", "patch", "delete"),
				UserNamespaceObjects.rule("", List.of("pods/log"), "get", "list"),
				UserNamespaceObjects.rule("", List.of("secrets"), "get", "create", "update", "delete"),
				UserNamespaceObjects.rule("", List.of("services"), "get", "create"),
				UserNamespaceObjects.rule("", List.of("events"), "list", "watch"));
	}

}
