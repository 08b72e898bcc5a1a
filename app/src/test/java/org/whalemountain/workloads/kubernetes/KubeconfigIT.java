package org.whalemountain.workloads.kubernetes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.KubernetesCluster;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.Http.basic;

/**
 * Kubeconfigs downloaded through the API, used with the real kubectl on the real test
 * cluster, while the service itself runs with the token of the ServiceAccount and
 * ClusterRole in {@code deploy/kubernetes/} (not cluster-admin), which proves that
 * ClusterRole enough.
 */
@ServiceTest
class KubeconfigIT {

	static final String ALICE = basic("alice", "alice-pass");

	static final String BOB = basic("bob", "bob-pass");

	/** Namespaces of this run only, so that runs on one cluster do not meet. */
	static final String PREFIX = "wmt"
			+ Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36).toLowerCase(Locale.ROOT)
			+ "-";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	Http http;

	KubernetesCluster cluster = KubernetesCluster.get();

	/**
	 * Kubernetes on: the test cluster, reached with the token of the service's own
	 * ServiceAccount. (Properties, not a registrar bean: the Kubernetes beans' condition
	 * reads them before beans exist.)
	 */
	@DynamicPropertySource
	static void kubernetesProperties(DynamicPropertyRegistry registry) {
		KubernetesCluster cluster = KubernetesCluster.get();
		registry.add("wm.kubernetes.api.url", cluster::server);
		registry.add("wm.kubernetes.api.ca-file", cluster::caFile);
		registry.add("wm.kubernetes.api.token-file", () -> cluster.serviceTokenFile().toString());
		registry.add("wm.kubernetes.namespace-prefix", () -> PREFIX);
	}

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port, Duration.ofSeconds(60));
	}

	@AfterAll
	static void deleteNamespaces() {
		KubernetesCluster.get().deleteNamespaces(PREFIX);
	}

	@Test
	void theDownloadedKubeconfigWorksWithKubectlInTheUsersNamespaceOnly() throws Exception {
		Http.Response download = this.http.getAnything("/api/v1/kubeconfig", ALICE);
		assertThat(download.status()).as(download.body()).isEqualTo(200);
		assertThat(download.contentType()).startsWith("application/yaml");
		assertThat(download.header("Content-Disposition"))
			.isEqualTo("attachment; filename=\"kubeconfig-" + PREFIX + "alice.yaml\"");
		assertThat(download.header("Cache-Control")).contains("no-store");
		Path alice = save("alice", download.body());
		String namespace = PREFIX + "alice";

		assertThat(kubectl(alice, "get", "pods").exitCode()).isZero();
		assertThat(kubectl(alice, "config", "view", "--minify", "-o", "jsonpath={..namespace}").stdout())
			.isEqualTo(namespace);

		String pod = startPod(namespace);
		assertThat(kubectl(alice, "get", "pods", "-o", "name").stdout()).contains("pod/" + pod);
		assertThat(kubectl(alice, "logs", pod).stdout()).contains("kubectl-log-line");
		assertThat(kubectl(alice, "exec", pod, "--", "sh", "-c", "echo exec-$((6 * 7))").stdout().strip())
			.isEqualTo("exec-42");
		Path in = Files.writeString(this.dir.resolve("in.txt"), "copied " + System.nanoTime());
		assertThat(kubectl(alice, "cp", in.toString(), pod + ":/tmp/in.txt").exitCode()).isZero();
		Path out = this.dir.resolve("out.txt");
		assertThat(kubectl(alice, "cp", pod + ":/tmp/in.txt", out.toString()).exitCode()).isZero();
		assertThat(Files.readString(out)).isEqualTo(Files.readString(in));

		Http.Response bobs = this.http.getAnything("/api/v1/kubeconfig", BOB);
		assertThat(bobs.status()).isEqualTo(200);
		assertForbidden(kubectl(alice, "get", "pods", "-n", PREFIX + "bob"));
		assertForbidden(kubectl(alice, "get", "secrets"));
		assertForbidden(kubectl(alice, "delete", "resourcequota", UserNamespaceObjects.QUOTA));
		assertForbidden(kubectl(alice, "create", "deployment", "mine", "--image=" + TestImages.BUSYBOX));
		assertForbidden(kubectl(save("bob", bobs.body()), "logs", pod, "-n", namespace));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.jdbc
				.sql("SELECT detail FROM audit_events WHERE actor = 'alice' AND action = 'kubeconfig.issue'"
						+ " AND target = ?")
				.param("namespace:" + namespace)
				.query(String.class)
				.list()).isNotEmpty().allSatisfy((detail) -> assertThat(detail).startsWith("expiresAt=")));
	}

	@Test
	void theNamespaceCarriesTheRoleQuotaLimitsAndNetworkPoliciesAndIsRestoredOnTheNextDownload() {
		assertThat(this.http.getAnything("/api/v1/kubeconfig", ALICE).status()).isEqualTo(200);
		String namespace = PREFIX + "alice";
		try (KubernetesClient admin = this.cluster.admin()) {
			Namespace ns = admin.namespaces().withName(namespace).get();
			assertThat(ns.getMetadata().getLabels()).containsEntry("wm.owner", "alice")
				.containsEntry("wm.kind", "user")
				.containsEntry("pod-security.kubernetes.io/enforce", "restricted");
			Role role = admin.rbac().roles().inNamespace(namespace).withName("wm-user").get();
			List<String> resources = role.getRules().stream().flatMap((r) -> r.getResources().stream()).toList();
			assertThat(resources).contains("pods", "pods/log", "pods/exec", "pods/portforward", "deployments")
				.doesNotContain("secrets", "roles", "rolebindings", "resourcequotas", "*");
			assertThat(role.getRules()).flatExtracting(PolicyRule::getVerbs).doesNotContain("*", "escalate", "bind");
			ResourceQuota quota = admin.resourceQuotas().inNamespace(namespace).withName("wm-quota").get();
			// the defaults of wm.workloads: 5 containers of 1 CPU each, 4 GiB together
			assertThat(quota.getSpec().getHard()).containsEntry("pods", new Quantity("5"))
				.containsEntry("limits.cpu", new Quantity("5"))
				.containsEntry("limits.memory", new Quantity("4096Mi"));
			assertThat(admin.limitRanges().inNamespace(namespace).withName("wm-limits").get().getSpec().getLimits())
				.singleElement()
				.satisfies((limit) -> assertThat(limit.getMax()).containsEntry("memory", new Quantity("512Mi")));
			NetworkPolicy deny = admin.network()
				.v1()
				.networkPolicies()
				.inNamespace(namespace)
				.withName("wm-deny-ingress")
				.get();
			assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
			assertThat(deny.getSpec().getIngress()).isEmpty();
			NetworkPolicy allow = admin.network()
				.v1()
				.networkPolicies()
				.inNamespace(namespace)
				.withName("wm-allow-ingress-controller")
				.get();
			assertThat(allow.getSpec().getIngress()).singleElement()
				.satisfies((rule) -> assertThat(rule.getFrom().get(0).getNamespaceSelector().getMatchLabels())
					.isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx")));

			// an administrator's hand edit is undone on the user's next visit
			admin.resourceQuotas().inNamespace(namespace).withName("wm-quota").edit((q) -> {
				q.getSpec().getHard().put("pods", new Quantity("50"));
				return q;
			});
			assertThat(this.http.getAnything("/api/v1/kubeconfig", ALICE).status()).isEqualTo(200);
			assertThat(admin.resourceQuotas().inNamespace(namespace).withName("wm-quota").get().getSpec().getHard())
				.containsEntry("pods", new Quantity("5"));
		}
	}

	@Test
	void hoursChooseTheTokensLifetimeWithinTheConfiguredMaximum() {
		for (String hours : List.of("0", "-1", "25", "100000")) {
			Http.Response refused = this.http.getAnything("/api/v1/kubeconfig?hours=" + hours, ALICE);
			assertThat(refused.status()).as(hours).isEqualTo(400);
			assertThat(refused.json().get("type").asString()).isEqualTo("/problems/invalid-kubeconfig-lifetime");
			assertThat(refused.json().get("detail").asString()).contains("between 1 and 24")
				.contains("wm.kubernetes.kubeconfig.max-lifetime");
		}
		assertThat(this.http.getAnything("/api/v1/kubeconfig?hours=two", ALICE).status()).isEqualTo(400);

		assertThat(tokenLifetime(this.http.getAnything("/api/v1/kubeconfig?hours=2", ALICE).body()))
			.isEqualTo(Duration.ofHours(2));
		assertThat(tokenLifetime(this.http.getAnything("/api/v1/kubeconfig", ALICE).body()))
			.isEqualTo(Duration.ofHours(8));
	}

	@Test
	void nobodyButASignedInUserGetsAKubeconfig() {
		assertThat(this.http.getAnything("/api/v1/kubeconfig", null).status()).isEqualTo(401);
		assertThat(this.http.getAnything("/api/v1/kubeconfig", basic("alice", "wrong")).status()).isEqualTo(401);
	}

	/** The token's own claims (exp − iat), as the API server signed them. */
	private static Duration tokenLifetime(String kubeconfig) {
		String token = kubeconfig.lines()
			.map(String::strip)
			.filter((line) -> line.startsWith("token:"))
			.findFirst()
			.orElseThrow()
			.substring("token:".length())
			.strip();
		String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
		JsonNode claims = JsonMapper.builder().build().readTree(payload);
		return Duration.ofSeconds(claims.get("exp").asLong() - claims.get("iat").asLong());
	}

	/**
	 * A pod the admin starts in the namespace, as the engine will: non-root, hardened.
	 */
	private String startPod(String namespace) {
		TestImages.busybox();
		this.cluster.importImage(TestImages.BUSYBOX);
		String pod = "shell-" + Long.toString(System.nanoTime() % 1_000_000, 36);
		String manifest = """
				apiVersion: v1
				kind: Pod
				metadata: {name: %s, namespace: %s}
				spec:
				  automountServiceAccountToken: false
				  terminationGracePeriodSeconds: 1
				  securityContext: {runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: {type: RuntimeDefault}}
				  containers:
				  - name: shell
				    image: %s
				    imagePullPolicy: Never
				    command: [/bin/sh, -c, 'echo kubectl-log-line; exec sleep 3600']
				    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
				    volumeMounts: [{name: tmp, mountPath: /tmp}]
				  volumes: [{name: tmp, emptyDir: {}}]
				"""
			.formatted(pod, namespace, TestImages.BUSYBOX);
		KubernetesCluster.Result applied = this.cluster.kubectlWithInput(this.cluster.adminKubeconfig(), manifest,
				"apply", "-f", "-");
		assertThat(applied.exitCode()).as(applied.stderr()).isZero();
		KubernetesCluster.Result ready = this.cluster.kubectl(this.cluster.adminKubeconfig(), "-n", namespace, "wait",
				"--for=condition=Ready", "pod/" + pod, "--timeout=120s");
		assertThat(ready.exitCode()).as(ready.stderr()).isZero();
		return pod;
	}

	private Path save(String user, String kubeconfig) throws Exception {
		return Files.writeString(this.dir.resolve(user + ".kubeconfig"), kubeconfig);
	}

	private KubernetesCluster.Result kubectl(Path kubeconfig, String... args) {
		return this.cluster.kubectl(kubeconfig, args);
	}

	private static void assertForbidden(KubernetesCluster.Result result) {
		assertThat(result.exitCode()).as(result.stdout()).isNotZero();
		assertThat(result.stderr()).containsIgnoringCase("forbidden");
	}

}
