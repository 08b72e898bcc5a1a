package org.whalemountain.workloads.kubernetes;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

import org.whalemountain.workloads.WorkloadsProperties;

/**
 * A user's namespace as their account on the cluster: {@link #ensure} brings the
 * namespace and its ServiceAccount, Role, RoleBinding, quota, limits and NetworkPolicies
 * to what {@link UserNamespaceObjects} computes, by server-side apply, so that it is
 * idempotent and a limit changed in the configuration reaches every namespace on its
 * user's next visit. Blocks until the cluster has answered.
 */
public class UserNamespaces {

	/** The field manager of every object the service applies. */
	static final String FIELD_MANAGER = "whalemountain";

	private final KubernetesClient client;

	private final KubernetesProperties properties;

	private final UserLimits limits;

	private final boolean runnerAccount;

	UserNamespaces(KubernetesClient client, KubernetesProperties properties, WorkloadsProperties workloads) {
		this(client, properties, workloads, false);
	}

	/**
	 * @param runnerAccount whether users' runners run on Kubernetes, and so each
	 * namespace holds the runner's account ({@link RunnerAccount})
	 */
	UserNamespaces(KubernetesClient client, KubernetesProperties properties, WorkloadsProperties workloads,
			boolean runnerAccount) {
		this.client = client;
		this.properties = properties;
		this.limits = new UserLimits(workloads.quota().maxContainers(), workloads.nanoCpus(), workloads.memoryBytes(),
				workloads.quota().maxMemoryBytes());
		this.runnerAccount = runnerAccount;
	}

	/** The name of the user's namespace, whether or not it exists yet. */
	public String namespaceOf(String username) {
		return NamespaceNames.namespace(this.properties.namespacePrefix(), username);
	}

	/**
	 * Creates or updates the user's namespace and everything in it the service owns.
	 * @return the namespace's name
	 * @throws org.whalemountain.platform.UnavailableException when the cluster does not
	 * answer or refuses
	 */
	public String ensure(String username) {
		String namespace = namespaceOf(username);
		String ingressNamespace = this.properties.networkPolicy().ingressNamespace();
		List<HasMetadata> objects = UserNamespaceObjects.of(username, namespace, this.limits, ingressNamespace,
				this.runnerAccount);
		return KubernetesFailures.call(server(), "prepare the namespace " + namespace, () -> {
			for (HasMetadata object : objects) {
				this.client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
			}
			if (ingressNamespace.isBlank()) {
				// an ingress namespace configured earlier and removed since lets nothing
				// in now
				this.client.network()
					.v1()
					.networkPolicies()
					.inNamespace(namespace)
					.withName(UserNamespaceObjects.ALLOW_INGRESS_CONTROLLER)
					.delete();
			}
			if (!this.runnerAccount) {
				// runners that ran here before and run on Docker now: the binding is all
				// the runner's account could act with
				this.client.rbac()
					.roleBindings()
					.inNamespace(namespace)
					.withName(UserNamespaceObjects.RUNNER_ACCOUNT)
					.delete();
			}
			return namespace;
		});
	}

	String server() {
		return this.client.getConfiguration().getMasterUrl();
	}

}
