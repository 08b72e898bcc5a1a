package org.whalemountain.workloads.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.whalemountain.testsupport.KubernetesCluster;
import org.whalemountain.workloads.WorkloadsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The admission policy of {@code deploy/kubernetes/namespace-guard.yaml} on the real test
 * cluster: the service's own account, with its cluster-wide ClusterRole, still prepares
 * users' namespaces, but every write, token request and exec it tries in any other
 * namespace is refused, and it cannot make another namespace a user's by labelling it.
 * Reads are not checked by admission and stay allowed.
 */
class NamespaceGuardIT {

	static final String PREFIX = "wmg"
			+ Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36).toLowerCase(Locale.ROOT) + "-";

	static final String OTHER = PREFIX + "team";

	static final String IMAGE = "wm-test/busybox:1";

	static final WorkloadsProperties WORKLOADS = new Binder(new MapConfigurationPropertySource())
		.bindOrCreate("wm.workloads", WorkloadsProperties.class);

	static KubernetesCluster cluster = KubernetesCluster.get();

	static KubernetesProperties properties;

	/** Another team's namespace, not the service's, with a pod in it. */
	@BeforeAll
	static void anotherTeamsNamespace() {
		properties = new Binder(new MapConfigurationPropertySource(Map.of("wm.kubernetes.api.url", cluster.server(),
				"wm.kubernetes.api.ca-file", cluster.caFile(), "wm.kubernetes.api.token-file",
				cluster.serviceTokenFile().toString(), "wm.kubernetes.namespace-prefix", PREFIX)))
			.bindOrCreate("wm.kubernetes", KubernetesProperties.class);
		cluster.importImage(IMAGE);
		cluster.kubectlOrFail(cluster.adminKubeconfig(), "create", "namespace", OTHER);
		cluster.kubectlOrFail(cluster.adminKubeconfig(), "-n", OTHER, "run", "app", "--image=" + IMAGE,
				"--image-pull-policy=IfNotPresent", "--restart=Never", "--", "sleep", "600");
		cluster.kubectlOrFail(cluster.adminKubeconfig(), "-n", OTHER, "wait", "--for=condition=Ready", "pod/app",
				"--timeout=120s");
	}

	@AfterAll
	static void deleteNamespaces() {
		cluster.deleteNamespaces(PREFIX);
	}

	@Test
	void theServiceStillPreparesAUsersNamespaceAndActsInIt(@TempDir Path dir) throws Exception {
		try (KubernetesClient service = KubernetesClients.create(properties)) {
			String namespace = new UserNamespaces(service, properties, WORKLOADS).ensure("alice");
			// users' namespaces enforce the restricted Pod Security Standard
			KubernetesCluster.Result created = cluster.kubectlWithInput(cluster.adminKubeconfig(), """
					apiVersion: v1
					kind: Pod
					metadata: {name: app}
					spec:
					  securityContext: {runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}}
					  containers:
					  - name: app
					    image: %s
					    imagePullPolicy: IfNotPresent
					    command: [sleep, "600"]
					    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
					""".formatted(IMAGE), "-n", namespace, "apply", "-f", "-");
			assertThat(created.exitCode()).as(created.stderr()).isZero();
			cluster.kubectlOrFail(cluster.adminKubeconfig(), "-n", namespace, "wait", "--for=condition=Ready",
					"pod/app", "--timeout=120s");

			KubernetesCluster.Result exec = cluster.kubectl(serviceKubeconfig(dir), "-n", namespace, "exec", "app",
					"--", "echo", "inside");

			assertThat(exec.exitCode()).as(exec.stderr()).isZero();
			assertThat(exec.stdout().strip()).isEqualTo("inside");
		}
	}

	@Test
	void aRoleInAnotherTeamsNamespaceIsRefused() {
		try (KubernetesClient service = KubernetesClients.create(properties)) {
			KubernetesClientException refused = refusedOnceEnforced(() -> service.rbac()
				.roles()
				.inNamespace(OTHER)
				.resource(new RoleBuilder().withNewMetadata().withName("take-over").endMetadata().build())
				.create());

			assertThat(refused.getMessage()).contains("not roles in " + OTHER);
		}
	}

	@Test
	void aTokenForAnotherTeamsAccountIsRefused() {
		try (KubernetesClient service = KubernetesClients.create(properties)) {
			KubernetesClientException refused = refusedOnceEnforced(() -> service.serviceAccounts()
				.inNamespace(OTHER)
				.withName("default")
				.tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build()));

			assertThat(refused.getMessage()).contains("not serviceaccounts in " + OTHER);
		}
	}

	@Test
	void anotherNamespaceCannotBeMadeAUsersByLabellingIt() {
		try (KubernetesClient service = KubernetesClients.create(properties)) {
			KubernetesClientException refused = refusedOnceEnforced(() -> service.namespaces()
				.withName(OTHER)
				.edit((namespace) -> new NamespaceBuilder(namespace).editMetadata()
					.addToLabels("wm.kind", "user")
					.endMetadata()
					.build()));

			assertThat(refused.getMessage()).contains("not namespace " + OTHER);
			assertThat(cluster.admin().namespaces().withName(OTHER).get().getMetadata().getLabels())
				.doesNotContainKey("wm.kind");
		}
	}

	@Test
	void aNamespaceWithoutTheUsersLabelIsRefused() {
		try (KubernetesClient service = KubernetesClients.create(properties)) {
			refusedOnceEnforced(() -> service.namespaces()
				.resource(new NamespaceBuilder().withNewMetadata().withName(PREFIX + "plain").endMetadata().build())
				.create());

			assertThat(cluster.admin().namespaces().withName(PREFIX + "plain").get()).isNull();
		}
	}

	@Test
	void execInAnotherTeamsPodIsRefusedWhileReadingItIsNot(@TempDir Path dir) throws Exception {
		Path kubeconfig = serviceKubeconfig(dir);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			KubernetesCluster.Result exec = cluster.kubectl(kubeconfig, "-n", OTHER, "exec", "app", "--", "echo",
					"taken");
			assertThat(exec.exitCode()).isNotZero();
			assertThat(exec.stdout()).doesNotContain("taken");
			assertThat(exec.stderr()).contains("only users' namespaces");
		});
		KubernetesCluster.Result read = cluster.kubectl(kubeconfig, "-n", OTHER, "get", "pod", "app", "-o", "name");
		assertThat(read.exitCode()).as(read.stderr()).isZero();
		assertThat(read.stdout().strip()).isEqualTo("pod/app");
	}

	/**
	 * The API server loads a newly applied policy within moments; until then the request
	 * would pass, so it is retried until the refusal shows (and fails if it never does).
	 */
	private static KubernetesClientException refusedOnceEnforced(Runnable request) {
		KubernetesClientException[] refused = new KubernetesClientException[1];
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			refused[0] = catchThrowableOfType(KubernetesClientException.class, request::run);
			assertThat(refused[0]).as("the request was let through").isNotNull();
			assertThat(refused[0].getCode()).as(refused[0].getMessage()).isEqualTo(403);
		});
		assertThat(refused[0].getMessage()).contains("WhaleMountain may change only users' namespaces");
		return refused[0];
	}

	private static Path serviceKubeconfig(Path dir) throws Exception {
		String token = Files.readString(cluster.serviceTokenFile()).strip();
		return Files.writeString(dir.resolve("service.kubeconfig"), """
				apiVersion: v1
				kind: Config
				clusters: [{name: test, cluster: {server: "%s", certificate-authority: "%s"}}]
				users: [{name: service, user: {token: "%s"}}]
				contexts: [{name: service, context: {cluster: test, user: service}}]
				current-context: service
				""".formatted(cluster.server(), cluster.caFile(), token));
	}

}
