package org.whalemountain.workloads.kubernetes;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.whalemountain.platform.UnavailableException;
import org.whalemountain.testsupport.KubernetesCluster;
import org.whalemountain.workloads.WorkloadsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a user is told when the cluster refuses the service or does not answer: a 503
 * problem that says so, within seconds, on the real test cluster.
 */
class KubernetesFaultsIT {

	static final String PREFIX = "wmf"
			+ Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36).toLowerCase(Locale.ROOT) + "-";

	static final WorkloadsProperties WORKLOADS = new Binder(new MapConfigurationPropertySource())
		.bindOrCreate("wm.workloads", WorkloadsProperties.class);

	KubernetesCluster cluster = KubernetesCluster.get();

	@AfterAll
	static void deleteNamespaces() {
		KubernetesCluster.get().deleteNamespaces(PREFIX);
	}

	@Test
	void aRefusedTokenRequestIsA503ThatSendsTheUserToTheAdministrators() {
		Path token = this.cluster.tokenFile("whalemountain-system", "whalemountain-without-tokens",
				Path.of("src/test/resources/org/whalemountain/workloads/kubernetes/service-account-without-tokens.yaml")
					.toAbsolutePath()
					.toString());
		KubernetesProperties properties = properties(this.cluster.server(), token);
		try (KubernetesClient client = KubernetesClients.create(properties)) {
			KubeconfigIssuer issuer = new KubeconfigIssuer(client, new UserNamespaces(client, properties, WORKLOADS),
					properties);

			UnavailableException refused = catchThrowableOfType(UnavailableException.class,
					() -> issuer.issue("alice", Duration.ofHours(1)));

			assertThat(refused.code()).isEqualTo("kubernetes-refused");
			assertThat(refused.getMessage()).contains("issue a token for the namespace " + PREFIX + "alice")
				.contains("403")
				.contains("deploy/kubernetes/service-account.yaml");
		}
	}

	/**
	 * Why the service's ClusterRole holds pods/exec and the rest of the users' Role
	 * itself: without them the cluster refuses the Role (RBAC's escalation check).
	 */
	@Test
	void aClusterRoleWithoutWhatTheUsersRoleGrantsCannotPrepareANamespace() {
		Path token = this.cluster.tokenFile("whalemountain-system", "whalemountain-without-exec",
				Path.of("src/test/resources/org/whalemountain/workloads/kubernetes/service-account-without-exec.yaml")
					.toAbsolutePath()
					.toString());
		KubernetesProperties properties = properties(this.cluster.server(), token);
		try (KubernetesClient client = KubernetesClients.create(properties)) {
			UnavailableException refused = catchThrowableOfType(UnavailableException.class,
					() -> new UserNamespaces(client, properties, WORKLOADS).ensure("bob"));

			assertThat(refused.code()).isEqualTo("kubernetes-refused");
			assertThat(refused.getMessage()).contains("prepare the namespace " + PREFIX + "bob").contains("pods/exec");
		}
	}

	@Test
	void anUnreachableClusterIsA503WithinSeconds(@TempDir Path dir) throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		KubernetesProperties properties = properties("https://127.0.0.1:" + closed,
				Files.writeString(dir.resolve("token"), "not-used"));
		try (KubernetesClient client = KubernetesClients.create(properties)) {
			KubeconfigIssuer issuer = new KubeconfigIssuer(client, new UserNamespaces(client, properties, WORKLOADS),
					properties);

			Instant start = Instant.now();
			UnavailableException unreachable = catchThrowableOfType(UnavailableException.class,
					() -> issuer.issue("alice", Duration.ofHours(1)));

			assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
			assertThat(unreachable.code()).as(unreachable.getMessage()).isEqualTo("engine-unavailable");
			assertThat(unreachable.getMessage()).contains("127.0.0.1:" + closed).contains("does not answer");
			assertThat(unreachable.retryAfter()).isPositive();
		}
	}

	private KubernetesProperties properties(String url, Path token) {
		return new Binder(new MapConfigurationPropertySource(
				java.util.Map.of("wm.kubernetes.api.url", url, "wm.kubernetes.api.ca-file", this.cluster.caFile(),
						"wm.kubernetes.api.token-file", token.toString(), "wm.kubernetes.namespace-prefix", PREFIX)))
			.bindOrCreate("wm.kubernetes", KubernetesProperties.class);
	}

}
