package org.whalemountain.workloads.kubernetes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.KubernetesCluster;
import org.whalemountain.testsupport.TestImages;
import org.whalemountain.workloads.ContainerEngineContract;
import org.whalemountain.workloads.SpecBuilder;
import org.whalemountain.workloads.WorkloadsProperties;
import org.whalemountain.workloads.docker.LocalRegistry;
import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerState;
import org.whalemountain.workloads.engine.Endpoint;
import org.whalemountain.workloads.engine.EngineUnavailableException;
import org.whalemountain.workloads.engine.RegistryCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The live contract on the real test cluster ({@code scripts/kubernetes}), with the
 * service's own ServiceAccount and ClusterRole from {@code deploy/kubernetes/}, not
 * cluster-admin. Where Kubernetes truly differs the contract's hooks are filled in: a
 * guest port is reached through {@code kubectl port-forward} on 127.0.0.1 (the cluster
 * has no kube-proxy, so a NodePort does not route), and a "held" public port is a
 * NodePort another Service holds (the cluster allocates NodePorts, not the host). Plus
 * what only Kubernetes shows: the pod security fields on the objects, stop keeping the
 * Deployment at 0 replicas, a quota in the user's namespace, and an unreachable cluster.
 */
class KubernetesContainerEngineIT extends ContainerEngineContract {

	/** Namespaces of this run only, so that runs on one cluster do not meet. */
	static final String PREFIX = "wmk"
			+ Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36).toLowerCase(Locale.ROOT) + "-";

	static final String OWNER = "alice";

	private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+)");

	private static KubernetesCluster cluster;

	private static KubernetesClient client;

	private static KubernetesClient unreachableClient;

	private static ContainerEngine engine;

	private static ContainerEngine unreachable;

	private final List<Process> forwards = new ArrayList<>();

	private final List<AutoCloseable> closeAfter = new ArrayList<>();

	@BeforeAll
	static void connect() {
		cluster = KubernetesCluster.get();
		cluster.importImage(TestImages.busybox());
		KubernetesProperties properties = properties(cluster.server());
		client = KubernetesClients.create(properties);
		engine = new KubernetesContainerEngine(client, new UserNamespaces(client, properties, workloads()), properties);
		KubernetesProperties nowhere = properties("https://127.0.0.1:" + closedPort());
		unreachableClient = KubernetesClients.create(nowhere);
		unreachable = new KubernetesContainerEngine(unreachableClient,
				new UserNamespaces(unreachableClient, nowhere, workloads()), nowhere);
	}

	@AfterAll
	static void disconnect() {
		client.close();
		unreachableClient.close();
		cluster.deleteNamespaces(PREFIX);
	}

	@AfterEach
	void stopForwardsAndRegistries() throws Exception {
		this.forwards.forEach(Process::destroy);
		for (AutoCloseable closeable : this.closeAfter) {
			closeable.close();
		}
	}

	static KubernetesProperties properties(String url) {
		return new Binder(
				new MapConfigurationPropertySource(Map.of("wm.kubernetes.api.url", url, "wm.kubernetes.api.ca-file",
						cluster.caFile(), "wm.kubernetes.api.token-file", cluster.serviceTokenFile().toString(),
						"wm.kubernetes.namespace-prefix", PREFIX, "wm.kubernetes.node-ports.address", "127.0.0.1")))
			.bindOrCreate("wm.kubernetes", KubernetesProperties.class);
	}

	static WorkloadsProperties workloads() {
		return new Binder(new MapConfigurationPropertySource()).bindOrCreate("wm.workloads", WorkloadsProperties.class);
	}

	@Override
	protected ContainerEngine engine() {
		return engine;
	}

	@Override
	protected ContainerEngine unreachableEngine() {
		return unreachable;
	}

	@Override
	protected String testImage() {
		return TestImages.BUSYBOX;
	}

	/** Kubernetes keeps each owner's containers in the owner's namespace. */
	@Override
	protected SpecBuilder spec(String suffix) {
		return super.spec(suffix).owner(OWNER);
	}

	/** An image only a registry with a password holds, pulled with a pull Secret. */
	@Override
	protected PullableImage pullableImage() {
		LocalRegistry registry = LocalRegistry.withUser("puller", "pull-pass");
		this.closeAfter.add(registry);
		String image = registry.address() + "/wm-test/k8s-pulled-" + this.run + ":1";
		DockerCli.run(Map.of(), null, "run", "--name", name("seed"), testImage(), "sh", "-c",
				"echo " + this.run + " > /marker");
		DockerCli.run(Map.of(), null, "commit", name("seed"), image);
		DockerCli.run(Map.of(), null, "rm", name("seed"));
		registry.push(image, "puller", "pull-pass");
		DockerCli.run(Map.of(), null, "rmi", image);
		return new PullableImage(image, new RegistryCredentials(registry.address(), "puller", "pull-pass"),
				this.run + "\n");
	}

	/**
	 * A hint only on Kubernetes: a kubelet reports just its 50 largest images in the
	 * node's status, so a small image pulled on a busy node may never show there.
	 */
	@Override
	protected boolean knowsItsImages() {
		return false;
	}

	/** Through {@code kubectl port-forward}, as a user with their kubeconfig would. */
	@Override
	protected int reachablePort(String containerId, Endpoint endpoint) {
		KubernetesContainerRef ref = KubernetesContainerRef.parse(containerId);
		try {
			Process forward = new ProcessBuilder(cluster.kubectlPath(), "--kubeconfig=" + cluster.adminKubeconfig(),
					"-n", ref.namespace(), "port-forward", "--address=127.0.0.1", "deployment/" + ref.name(),
					":" + endpoint.guestPort())
				.redirectErrorStream(true)
				.start();
			this.forwards.add(forward);
			BufferedReader lines = new BufferedReader(
					new InputStreamReader(forward.getInputStream(), StandardCharsets.UTF_8));
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				Matcher port = FORWARDING.matcher(line);
				if (port.find()) {
					return Integer.parseInt(port.group(1));
				}
			}
			throw new IllegalStateException("kubectl port-forward ended without forwarding");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A NodePort that a Service in another namespace holds. */
	@Override
	protected HeldPort holdPublicPort() {
		try (KubernetesClient admin = cluster.admin()) {
			String namespace = PREFIX + "held-" + this.run;
			admin.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
				.serverSideApply();
			for (int attempt = 0;; attempt++) {
				int port = ThreadLocalRandom.current().nextInt(30000, 32768);
				Service service = new ServiceBuilder().withNewMetadata()
					.withName("held")
					.withNamespace(namespace)
					.endMetadata()
					.withNewSpec()
					.withType("NodePort")
					.addNewPort()
					.withPort(80)
					.withNodePort(port)
					.endPort()
					.endSpec()
					.build();
				try {
					admin.resource(service).create();
					return new HeldPort() {

						@Override
						public int port() {
							return port;
						}

						@Override
						public void close() {
							try (KubernetesClient closing = cluster.admin()) {
								closing.resource(service).delete();
							}
						}

					};
				}
				catch (KubernetesClientException ex) {
					if (attempt > 10) {
						throw ex;
					}
				}
			}
		}
	}

	@Test
	void podsRunNonRootWithoutPrivilegesCapabilitiesOrTokenAndStopKeepsTheDeployment() {
		String id = started(spec("secure").port(8080, 0));
		KubernetesContainerRef ref = KubernetesContainerRef.parse(id);
		assertThat(ref.namespace()).isEqualTo(PREFIX + OWNER);

		try (KubernetesClient admin = cluster.admin()) {
			Deployment deployment = admin.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
			PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			assertThat(pod.getAutomountServiceAccountToken()).isFalse();
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
			assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
			assertThat(pod.getContainers().get(0).getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
			assertThat(pod.getContainers().get(0).getSecurityContext().getCapabilities().getDrop())
				.containsExactly("ALL");
			assertThat(pod.getVolumes()).allSatisfy((volume) -> assertThat(volume.getHostPath()).isNull());
			assertThat(exec(id, "id", "-u").stdout().strip()).isEqualTo("1000");
			assertThat(admin.services().inNamespace(ref.namespace()).withName(ref.name()).get().getSpec().getType())
				.isEqualTo("NodePort");

			engine.stop(id, Duration.ofSeconds(5));

			assertThat(admin.apps()
				.deployments()
				.inNamespace(ref.namespace())
				.withName(ref.name())
				.get()
				.getSpec()
				.getReplicas()).isZero();
			assertThat(engine.state(id)).isEqualTo(ContainerState.STOPPED);

			engine.remove(id);

			assertThat(admin.services().inNamespace(ref.namespace()).withName(ref.name()).get()).isNull();
		}
	}

	@Test
	void aProcessThatKeepsExitingFailsWithTheReasonInOurWords() {
		String id = engine.run(spec("crash").command("sh", "-c", "exit 1").build(), null, (progress) -> {
		}).id();

		// one snapshot: between back-offs the process runs again for a moment
		ContainerInfo failed = org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(90))
			.until(() -> engine.inspect(id).orElseThrow(), (info) -> info.state() == ContainerState.FAILED);
		assertThat(failed.reason()).contains("keeps exiting").contains("CrashLoopBackOff");
	}

	@Test
	void anUnreachableClusterIsUnavailableAtOnce() {
		Instant start = Instant.now();

		assertThatThrownBy(() -> unreachable.list(Map.of())).isInstanceOf(EngineUnavailableException.class)
			.hasMessageContaining("does not answer");
		assertThatThrownBy(() -> unreachable.start(PREFIX + OWNER + "/web"))
			.isInstanceOf(EngineUnavailableException.class);
		assertThat(unreachable.hasImage(testImage())).isFalse();
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
	}

}
