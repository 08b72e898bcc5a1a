package org.whalemountain.workloads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.KubernetesCluster;
import org.whalemountain.testsupport.Latencies;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.testsupport.Latencies.burstSummary;
import static org.whalemountain.testsupport.Latencies.percentile;
import static org.whalemountain.testsupport.Latencies.ratio;
import static org.whalemountain.testsupport.Latencies.summary;

/**
 * What a launch on Kubernetes through the API costs over doing it by hand, on the real
 * test cluster with the service's own account: {@code POST /api/v1/containers} with
 * {@code "engine": "kubernetes"} until the container reads {@code running}, against
 * {@code kubectl apply} of an equivalent Deployment and Service followed by
 * {@code kubectl rollout status} (the pod Ready), one at a time and interleaved; then 20
 * launches at once by ten users against 20 such applies at once. Run with
 * {@code -Pbench}.
 */
@ServiceTest
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class KubernetesLaunchBenchmark {

	static final int ROUNDS = 10;

	static final int WARM_UP = 2;

	static final int PARALLEL = 20;

	/*
	 * Both sides run a process that ends at once on SIGTERM, so that a deleted pod leaves
	 * the namespace's pod quota before the next launch instead of after its grace period.
	 */

	static final String PREFIX = "wmb"
			+ Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36).toLowerCase(Locale.ROOT) + "-";

	/**
	 * The baseline's own namespace, made by the administrator as the service makes one.
	 */
	static final String BARE = PREFIX + "bare";

	@LocalServerPort
	int port;

	private final Map<String, String> report = new LinkedHashMap<>();

	private final List<String> tokens = new ArrayList<>();

	private final KubernetesCluster cluster = KubernetesCluster.get();

	private Http http;

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

	@AfterAll
	static void deleteNamespaces() {
		KubernetesCluster.get().deleteNamespaces(PREFIX);
	}

	@Test
	void launchToRunningAgainstKubectlApply() throws Exception {
		this.http = new Http(this.port, Duration.ofMinutes(3));
		for (int i = 1; i <= 10; i++) {
			String student = "student%02d".formatted(i);
			Http.Response token = this.http.post("/api/v1/tokens", "{\"name\": \"bench-" + UUID.randomUUID() + "\"}",
					Http.basic(student, student + "-pass"));
			assertThat(token.status()).as(token.body()).isEqualTo(201);
			this.tokens.add(Http.bearer(token.json().get("token").asString()));
		}
		this.cluster.kubectlOrFail(this.cluster.adminKubeconfig(), "create", "namespace", BARE);
		this.cluster.kubectlOrFail(this.cluster.adminKubeconfig(), "label", "namespace", BARE,
				"pod-security.kubernetes.io/enforce=restricted");
		ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
		try {
			oneAtATime();
			long[] service = parallel("20 at once, service (10 users, 2 each)", pool, this::apiLaunch, this::apiDelete);
			long[] bare = parallel("20 at once, kubectl apply + rollout status", pool, this::bareLaunch,
					this::bareDelete);
			this.report.put("RATIO 20 at once, service / kubectl: total, p50, p99",
					ratio(service[0], bare[0]) + ", " + ratio(service[1], bare[1]) + ", " + ratio(service[2], bare[2]));
		}
		finally {
			pool.shutdownNow();
			print();
		}
	}

	private void oneAtATime() {
		List<Long> service = new ArrayList<>();
		List<Long> bare = new ArrayList<>();
		for (int round = -WARM_UP; round < ROUNDS; round++) {
			// alternate who goes first, so that neither always meets a just-busy node
			boolean serviceFirst = (round % 2 == 0);
			for (int turn = 0; turn < 2; turn++) {
				boolean ours = (turn == 0) == serviceFirst;
				long start = System.nanoTime();
				int slot = round + WARM_UP;
				String id = ours ? apiLaunch(slot) : bareLaunch(slot);
				long micros = (System.nanoTime() - start) / 1_000;
				if (ours) {
					apiDelete(id);
				}
				else {
					bareDelete(id);
				}
				if (round >= 0) {
					(ours ? service : bare).add(micros);
				}
			}
		}
		long serviceMedian = percentile(service, 50);
		long bareMedian = percentile(bare, 50);
		this.report.put("one at a time, service launch to running: median / p90 / min / max (" + ROUNDS + ")",
				summary(service));
		this.report.put("one at a time, kubectl apply + rollout status: median / p90 / min / max", summary(bare));
		this.report.put("RATIO one at a time, median service / median kubectl", ratio(serviceMedian, bareMedian));
		this.report.put("goal: ratio <= 1.2", ((double) serviceMedian / bareMedian <= 1.2) ? "met" : "missed");
	}

	private long[] parallel(String name, ExecutorService pool, IntFunction<String> launch,
			java.util.function.Consumer<String> remove) throws Exception {
		long[] burst = Latencies.burst(PARALLEL, pool, launch, remove, 10);
		this.report.put(name + ": total / p50 / p99", burstSummary(burst));
		return burst;
	}

	/** Launches as the slot's student and waits for {@code running}; "token id". */
	private String apiLaunch(int slot) {
		String token = this.tokens.get(slot % this.tokens.size());
		Http.Response launched = this.http.post("/api/v1/containers", """
				{"name": "b%s", "image": "%s", "engine": "kubernetes", "env": "GREETING=hi TOKEN=s3cret",
				 "ports": [8080, 8081], "command": ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]}"""
			.formatted(shortId(), TestImages.BUSYBOX), token);
		assertThat(launched.status()).as(launched.body()).isEqualTo(201);
		long id = launched.json().get("id").asLong();
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		String status = launched.json().get("status").asString();
		while (!status.equals("running")) {
			assertThat(status).as("container %d", id).isIn("pending");
			assertThat(System.nanoTime()).as("container %d still pending", id).isLessThan(deadline);
			// the poll's own interval: a client watching a launch asks now and then
			java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
			status = this.http.get("/api/v1/containers/" + id, token).json().get("status").asString();
		}
		return token + " " + id;
	}

	private void apiDelete(String tokenAndId) {
		int space = tokenAndId.lastIndexOf(' ');
		Http.Response deleted = this.http.delete("/api/v1/containers/" + tokenAndId.substring(space + 1),
				tokenAndId.substring(0, space));
		assertThat(deleted.status()).isEqualTo(204);
	}

	/** The same Deployment and Service by hand, until its pod is Ready; the name. */
	private String bareLaunch(int slot) {
		String name = "b" + shortId();
		KubernetesCluster.Result applied = this.cluster.kubectlWithInput(this.cluster.adminKubeconfig(),
				"""
						apiVersion: apps/v1
						kind: Deployment
						metadata: {name: %1$s, labels: {app: %1$s}}
						spec:
						  replicas: 1
						  strategy: {type: Recreate}
						  selector: {matchLabels: {app: %1$s}}
						  template:
						    metadata: {labels: {app: %1$s}}
						    spec:
						      automountServiceAccountToken: false
						      enableServiceLinks: false
						      securityContext: {runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: {type: RuntimeDefault}}
						      containers:
						      - name: main
						        image: %2$s
						        imagePullPolicy: IfNotPresent
						        command: [sh, -c, "trap 'exit 0' TERM; sleep 600 & wait"]
						        env: [{name: GREETING, value: hi}, {name: TOKEN, value: s3cret}]
						        ports: [{containerPort: 8080}, {containerPort: 8081}]
						        resources: {limits: {cpu: "1", memory: 512Mi}}
						        securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
						---
						apiVersion: v1
						kind: Service
						metadata: {name: %1$s}
						spec:
						  type: NodePort
						  selector: {app: %1$s}
						  ports: [{name: p8080, port: 8080}, {name: p8081, port: 8081}]
						"""
					.formatted(name, TestImages.BUSYBOX),
				"-n", BARE, "apply", "-f", "-");
		assertThat(applied.exitCode()).as(applied.stderr()).isZero();
		this.cluster.kubectlOrFail(this.cluster.adminKubeconfig(), "-n", BARE, "rollout", "status",
				"deployment/" + name, "--timeout=300s");
		return name;
	}

	private void bareDelete(String name) {
		this.cluster.kubectlOrFail(this.cluster.adminKubeconfig(), "-n", BARE, "delete", "deployment/" + name,
				"service/" + name);
	}

	private void print() throws Exception {
		StringBuilder out = new StringBuilder(
				"\n=== Kubernetes launch benchmark: " + ROUNDS + " launches one at a time, " + PARALLEL + " at once, "
						+ Runtime.getRuntime().availableProcessors() + " cores, " + Instant.now() + " ===\n");
		this.report.forEach((name, value) -> out.append(String.format("%-80s %s%n", name, value)));
		System.out.println(out);
		Path file = Path.of("target", "benchmarks", "kubernetes-launch.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, out);
	}

	private static String shortId() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
