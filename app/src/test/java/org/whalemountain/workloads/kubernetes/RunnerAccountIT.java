package org.whalemountain.workloads.kubernetes;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.whalemountain.testsupport.KubernetesCluster;
import org.whalemountain.workloads.WorkloadsProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner's account on the real test cluster, written by the service with its own
 * ServiceAccount from {@code deploy/kubernetes/} (which proves that ClusterRole may bind
 * the runner's): what the cluster then lets the runner do, asked of its authorizer.
 */
class RunnerAccountIT {

	static final String PREFIX = "wmr"
			+ Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36).toLowerCase(Locale.ROOT) + "-";

	static final WorkloadsProperties WORKLOADS = new Binder(new MapConfigurationPropertySource())
		.bindOrCreate("wm.workloads", WorkloadsProperties.class);

	KubernetesCluster cluster = KubernetesCluster.get();

	@AfterAll
	static void deleteNamespaces() {
		KubernetesCluster.get().deleteNamespaces(PREFIX);
	}

	@Test
	void theRunnerRunsJobPodsInItsUsersNamespaceAndNowhereElse() {
		KubernetesProperties properties = properties();
		try (KubernetesClient service = KubernetesClients.create(properties);
				KubernetesClient admin = this.cluster.admin()) {
			UserNamespaces namespaces = new UserNamespaces(service, properties, WORKLOADS, true);
			String alice = namespaces.ensure("alice");
			String bob = namespaces.ensure("bob");
			String runner = "system:serviceaccount:" + alice + ":" + UserNamespaceObjects.RUNNER_ACCOUNT;

			assertThat(allowed(admin, runner, alice, "create", "pods", "")).isTrue();
			assertThat(allowed(admin, runner, alice, "create", "pods", "exec")).isTrue();
			assertThat(allowed(admin, runner, alice, "create", "pods", "attach")).isTrue();
			assertThat(allowed(admin, runner, alice, "get", "pods", "log")).isTrue();
			assertThat(allowed(admin, runner, alice, "create", "secrets", "")).isTrue();
			assertThat(allowed(admin, runner, alice, "delete", "pods", "")).isTrue();

			assertThat(allowed(admin, runner, bob, "create", "pods", "")).isFalse();
			assertThat(allowed(admin, runner, bob, "get", "secrets", "")).isFalse();
			assertThat(allowed(admin, runner, "kube-system", "get", "secrets", "")).isFalse();
			assertThat(allowed(admin, runner, alice, "create", "rolebindings", "")).isFalse();
			assertThat(allowed(admin, runner, alice, "delete", "resourcequotas", "")).isFalse();
			assertThat(allowed(admin, runner, alice, "create", "deployments", "")).isFalse();
			// the user's own account gains nothing from the runner's
			String user = "system:serviceaccount:" + alice + ":" + UserNamespaceObjects.USER_ACCOUNT;
			assertThat(allowed(admin, user, alice, "create", "pods", "")).isFalse();
			assertThat(allowed(admin, user, alice, "get", "secrets", "")).isFalse();
			assertThat(admin.serviceAccounts()
				.inNamespace(alice)
				.withName(UserNamespaceObjects.RUNNER_ACCOUNT)
				.get()
				.getAutomountServiceAccountToken()).isFalse();
		}
	}

	@Test
	void runnersMovedOffKubernetesLeaveTheirAccountWithoutRights() {
		KubernetesProperties properties = properties();
		try (KubernetesClient service = KubernetesClients.create(properties);
				KubernetesClient admin = this.cluster.admin()) {
			String carol = new UserNamespaces(service, properties, WORKLOADS, true).ensure("carol");
			String runner = "system:serviceaccount:" + carol + ":" + UserNamespaceObjects.RUNNER_ACCOUNT;
			assertThat(allowed(admin, runner, carol, "create", "pods", "")).isTrue();

			new UserNamespaces(service, properties, WORKLOADS, false).ensure("carol");

			assertThat(
					admin.rbac().roleBindings().inNamespace(carol).withName(UserNamespaceObjects.RUNNER_ACCOUNT).get())
				.isNull();
			assertThat(allowed(admin, runner, carol, "create", "pods", "")).isFalse();
		}
	}

	private static boolean allowed(KubernetesClient admin, String user, String namespace, String verb, String resource,
			String subresource) {
		SubjectAccessReview review = admin.authorization()
			.v1()
			.subjectAccessReview()
			.create(new SubjectAccessReviewBuilder().withNewSpec()
				.withUser(user)
				.withNewResourceAttributes()
				.withNamespace(namespace)
				.withVerb(verb)
				.withGroup(resource.equals("deployments") ? "apps"
						: resource.equals("rolebindings") ? "rbac.authorization.k8s.io" : "")
				.withResource(resource)
				.withSubresource(subresource)
				.endResourceAttributes()
				.endSpec()
				.build());
		return review.getStatus().getAllowed();
	}

	private KubernetesProperties properties() {
		// applied again here: the file is the one of this work tree
		java.nio.file.Path token = this.cluster.tokenFile("whalemountain-system", "whalemountain",
				KubernetesCluster.SERVICE_ACCOUNT_YAML);
		return new Binder(new MapConfigurationPropertySource(Map.of("wm.kubernetes.api.url", this.cluster.server(),
				"wm.kubernetes.api.ca-file", this.cluster.caFile(), "wm.kubernetes.api.token-file", token.toString(),
				"wm.kubernetes.namespace-prefix", PREFIX)))
			.bindOrCreate("wm.kubernetes", KubernetesProperties.class);
	}

}
