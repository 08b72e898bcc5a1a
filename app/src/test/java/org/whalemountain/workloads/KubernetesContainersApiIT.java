package org.whalemountain.workloads;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.whalemountain.workloads.reconcile.ContainerReconciler;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.KubernetesCluster;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;
import org.whalemountain.workloads.engine.EngineLabels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.Http.basic;

/**
 * Containers on Kubernetes through the API, on the real test cluster, with the service
 * running as its own ServiceAccount and ClusterRole: alice launches a busybox HTTP server
 * with {@code "engine": "kubernetes"}, reaches its page through {@code kubectl
 * port-forward} with her own downloaded kubeconfig on 127.0.0.1 (the cluster has no
 * kube-proxy, so the Service is checked as an object), and runs commands, uploads, reads
 * logs, stops, starts and deletes it through the API alone. Also: a quota of her
 * namespace refusing a launch, a Deployment without a row reconciled away, and a
 * container whose Deployment was removed by hand deleted.
 */
@ServiceTest
class KubernetesContainersApiIT {

	static final String ALICE = basic("alice", "alice-pass");

	static final String PREFIX = "wma"
			+ Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36).toLowerCase(Locale.ROOT) + "-";

	static final String NAMESPACE = PREFIX + "alice";

	/** Non-root on Kubernetes: the page lives under /tmp, which the pod may write. */
	static final String HTTPD = "[\"sh\", \"-c\", \"mkdir -p /tmp/www && echo hello > /tmp/www/index.html"
			+ " && echo started && exec httpd -f -p 8080 -h /tmp/www\"]";

	private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+)");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ContainerReconciler reconciler;

	@TempDir
	Path dir;

	Http http;

	KubernetesCluster cluster = KubernetesCluster.get();

	Process forward;

	@DynamicPropertySource
	static void kubernetesProperties(DynamicPropertyRegistry registry) {
		KubernetesCluster cluster = KubernetesCluster.get();
		cluster.importImage(TestImages.busybox());
		registry.add("wm.kubernetes.api.url", cluster::server);
		registry.add("wm.kubernetes.api.ca-file", cluster::caFile);
		registry.add("wm.kubernetes.api.token-file", () -> cluster.serviceTokenFile().toString());
		registry.add("wm.kubernetes.namespace-prefix", () -> PREFIX);
		registry.add("wm.workloads.engines.enabled", () -> "docker,kubernetes");
	}

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port, Duration.ofSeconds(120));
	}

	@AfterEach
	void cleanUp() {
		if (this.forward != null) {
			this.forward.destroy();
		}
		LentContainers.deleteAll(this.http, List.of(ALICE));
	}

	@AfterAll
	static void deleteNamespaces() {
		KubernetesCluster.get().deleteNamespaces(PREFIX);
	}

	@Test
	void aliceRunsAnHttpServerOnKubernetesAndReachesItWithHerKubeconfig() throws Exception {
		String name = name();
		long id = launch(name, "8080").json().get("id").asLong();
		await().atMost(Duration.ofSeconds(90)).until(() -> status(id).equals("running"));
		JsonNode container = this.http.get("/api/v1/containers/" + id, ALICE).json();
		assertThat(container.get("engine").asString()).isEqualTo("kubernetes");
		assertThat(container.get("containerId").asString()).isEqualTo(NAMESPACE + "/" + name);

		Path kubeconfig = Files.writeString(this.dir.resolve("alice.yaml"),
				this.http.getAnything("/api/v1/kubeconfig", ALICE).body());
		int local = forward(kubeconfig, name, 8080);
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(fetch(local)).isEqualTo("hello\n"));

		assertSecuredObjects(name);

		JsonNode uid = exec(id, "[\"id\", \"-u\"]").json();
		assertThat(uid.get("stdout").asString().strip()).isEqualTo("1000");
		assertThat(upload(id, "notes.txt", "/tmp", "uploaded text").statusCode()).isEqualTo(204);
		assertThat(exec(id, "\"cat /tmp/notes.txt\"").json().get("stdout").asString()).isEqualTo("uploaded text");
		assertThat(this.http.getAnything("/api/v1/containers/" + id + "/logs?tail=10", ALICE).body())
			.contains("started");

		assertThat(this.http.post("/api/v1/containers/" + id + "/stop", "", ALICE).json().get("status").asString())
			.isEqualTo("stopped");
		try (KubernetesClient admin = this.cluster.admin()) {
			assertThat(deployment(admin, name).getSpec().getReplicas()).isZero();
		}
		assertThat(this.http.post("/api/v1/containers/" + id + "/start", "", ALICE).json().get("status").asString())
			.isEqualTo("running");
		assertThat(exec(id, "\"cat /tmp/www/index.html\"").json().get("stdout").asString()).isEqualTo("hello\n");

		assertThat(this.http.delete("/api/v1/containers/" + id, ALICE).status()).isEqualTo(204);
		try (KubernetesClient admin = this.cluster.admin()) {
			assertThat(deployment(admin, name)).isNull();
			assertThat(admin.services().inNamespace(NAMESPACE).withName(name).get()).isNull();
		}
		assertThat(this.http.get("/api/v1/containers/" + id, ALICE).status()).isEqualTo(404);
	}

	@Test
	void aQuotaOfHerNamespaceRefusesALaunchAndSaysWhichQuota() {
		// the namespace and its own quota exist after her first launch
		long first = launch(name(), "").json().get("id").asLong();
		await().atMost(Duration.ofSeconds(90)).until(() -> status(first).equals("running"));
		try (KubernetesClient admin = this.cluster.admin()) {
			// an operator's own cap beside the service's: no further Deployment
			admin
				.resource(new ResourceQuotaBuilder().withNewMetadata()
					.withName("department-cap")
					.withNamespace(NAMESPACE)
					.endMetadata()
					.withNewSpec()
					.addToHard("count/deployments.apps", new io.fabric8.kubernetes.api.model.Quantity("1"))
					.endSpec()
					.build())
				.serverSideApply();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> admin.resourceQuotas()
					.inNamespace(NAMESPACE)
					.withName("department-cap")
					.get()
					.getStatus() != null);

			Http.Response refused = launch(name(), "");

			assertThat(refused.status()).as(refused.body()).isEqualTo(409);
			assertThat(refused.json().get("type").asString()).isEqualTo("/problems/kubernetes-quota-exceeded");
			assertThat(refused.json().get("detail").asString()).contains("department-cap")
				.contains("count/deployments.apps");
			assertThat(this.http.get("/api/v1/containers", ALICE).json()).hasSize(1);
			admin.resourceQuotas().inNamespace(NAMESPACE).withName("department-cap").delete();
		}
	}

	@Test
	void aDeploymentWithoutARowIsRemovedAfterTheGraceAndAContainerRemovedByHandCanBeDeleted() {
		String orphanName = name();
		long orphan = launch(orphanName, "").json().get("id").asLong();
		String goneName = name();
		long gone = launch(goneName, "").json().get("id").asLong();
		await().atMost(Duration.ofSeconds(90))
			.until(() -> status(orphan).equals("running") && status(gone).equals("running"));

		// as if the service crashed between making the Deployment and keeping its row
		this.jdbc.sql("DELETE FROM host_ports WHERE container = ?").param(orphan).update();
		this.jdbc.sql("DELETE FROM containers WHERE id = ?").param(orphan).update();
		Map<String, String> scope = Map.of(EngineLabels.OWNER_LABEL, "alice", EngineLabels.ID_LABEL,
				String.valueOf(orphan));
		assertThat(this.reconciler.reconcile(scope, Duration.ofDays(1)).removed()).isZero();
		assertThat(this.reconciler.reconcile(scope, Duration.ZERO).removed()).isEqualTo(1);

		try (KubernetesClient admin = this.cluster.admin()) {
			assertThat(deployment(admin, orphanName)).isNull();
			admin.apps().deployments().inNamespace(NAMESPACE).withName(goneName).delete();
			await().atMost(Duration.ofSeconds(30)).until(() -> deployment(admin, goneName) == null);
		}
		assertThat(this.http.delete("/api/v1/containers/" + gone, ALICE).status()).isEqualTo(204);
		assertThat(this.http.get("/api/v1/containers/" + gone, ALICE).status()).isEqualTo(404);
	}

	private void assertSecuredObjects(String name) {
		try (KubernetesClient admin = this.cluster.admin()) {
			PodSpec pod = deployment(admin, name).getSpec().getTemplate().getSpec();
			assertThat(pod.getAutomountServiceAccountToken()).isFalse();
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
			assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
			assertThat(pod.getContainers().get(0).getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
			assertThat(pod.getContainers().get(0).getSecurityContext().getCapabilities().getDrop())
				.containsExactly("ALL");
			assertThat(pod.getVolumes()).allSatisfy((volume) -> assertThat(volume.getHostPath()).isNull());
			var service = admin.services().inNamespace(NAMESPACE).withName(name).get();
			assertThat(service.getSpec().getType()).isEqualTo("NodePort");
			assertThat(service.getSpec().getPorts()).singleElement()
				.satisfies((port) -> assertThat(port.getTargetPort().getIntVal()).isEqualTo(8080));
			assertThat(admin.network().v1().networkPolicies().inNamespace(NAMESPACE).withName("wm-deny-ingress").get())
				.isNotNull();
			assertThat(deployment(admin, name).getMetadata().getLabels()).containsEntry("wm.owner", "alice")
				.containsEntry("wm.kind", "container");
		}
	}

	private Http.Response launch(String name, String ports) {
		return this.http.post("/api/v1/containers", """
				{"name": "%s", "image": "%s", "ports": "%s", "command": %s, "engine": "kubernetes"}""".formatted(name,
				TestImages.BUSYBOX, ports, HTTPD), ALICE);
	}

	private String status(long id) {
		return this.http.get("/api/v1/containers/" + id, ALICE).json().get("status").asString();
	}

	private Http.Response exec(long id, String command) {
		return this.http.post("/api/v1/containers/" + id + "/exec", "{\"command\": " + command + "}", ALICE);
	}

	private HttpResponse<String> upload(long id, String fileName, String path, String content) throws Exception {
		String boundary = "b" + UUID.randomUUID();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"path\"\r\n\r\n" + path + "\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/containers/" + id + "/files"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept", "application/json")
			.header("Authorization", ALICE)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** {@code kubectl port-forward} with her kubeconfig; answers the local port. */
	private int forward(Path kubeconfig, String deployment, int guestPort) throws Exception {
		this.forward = new ProcessBuilder(this.cluster.kubectlPath(), "--kubeconfig=" + kubeconfig, "port-forward",
				"--address=127.0.0.1", "deployment/" + deployment, ":" + guestPort)
			.redirectErrorStream(true)
			.start();
		BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.forward.getInputStream(), StandardCharsets.UTF_8));
		StringBuilder seen = new StringBuilder();
		for (String line = lines.readLine(); line != null; line = lines.readLine()) {
			Matcher port = FORWARDING.matcher(line);
			if (port.find()) {
				return Integer.parseInt(port.group(1));
			}
			seen.append(line).append('\n');
		}
		throw new IllegalStateException("kubectl port-forward ended: " + seen);
	}

	private static String fetch(int port) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
			.timeout(Duration.ofSeconds(5))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	private static Deployment deployment(KubernetesClient admin, String name) {
		return admin.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
	}

	private static String name() {
		return "k" + UUID.randomUUID().toString().substring(0, 8);
	}

}
