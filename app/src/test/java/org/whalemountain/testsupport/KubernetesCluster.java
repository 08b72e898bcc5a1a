package org.whalemountain.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

/**
 * The project's real test cluster ({@code scripts/kubernetes}), found through what
 * {@code scripts/kubernetes env} prints. Fails, never skips, when it does not answer: the
 * test command starts it. Also applies the service's own ServiceAccount and ClusterRole
 * from {@code deploy/kubernetes/} with the admission policy that keeps it in users'
 * namespaces, so that tests run the service with that account's token as an operator
 * installs it, never cluster-admin.
 */
public final class KubernetesCluster {

	/** The service's identity, as the operator applies it. */
	public static final String SERVICE_ACCOUNT_YAML = "deploy/kubernetes/service-account.yaml";

	/** The admission policy that keeps the service inside users' namespaces. */
	public static final String NAMESPACE_GUARD_YAML = "deploy/kubernetes/namespace-guard.yaml";

	private static KubernetesCluster instance;

	private final Path root;

	private final Map<String, String> env;

	private final Set<String> imported = new HashSet<>();

	private Path serviceTokenFile;

	private KubernetesCluster(Path root, Map<String, String> env) {
		this.root = root;
		this.env = env;
	}

	/** The running cluster; fails with what to do when there is none. */
	public static synchronized KubernetesCluster get() {
		if (instance == null) {
			Path root = repositoryRoot();
			Map<String, String> env = new HashMap<>();
			String printed = run(root, null, List.of(root.resolve("scripts/kubernetes").toString(), "env")).stdout();
			for (String line : printed.split("\n")) {
				if (line.startsWith("export ")) {
					String pair = line.substring("export ".length());
					env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
				}
			}
			KubernetesCluster cluster = new KubernetesCluster(root, env);
			Result ready = cluster.kubectl(cluster.adminKubeconfig(), "get", "--raw", "/readyz");
			if (ready.exitCode() != 0 || !ready.stdout().strip().equals("ok")) {
				throw new IllegalStateException("No Kubernetes test cluster answers at " + cluster.server()
						+ " (kubectl: " + ready.stderr().strip() + "). Start it with scripts/kubernetes start;"
						+ " the test command (scripts/test) does.");
			}
			instance = cluster;
		}
		return instance;
	}

	public String server() {
		return this.env.get("WM_K8S_SERVER");
	}

	/** The cluster's own kubectl, for commands that run on, such as port-forward. */
	public String kubectlPath() {
		return this.env.get("WM_K8S_KUBECTL");
	}

	public String caFile() {
		return this.env.get("WM_K8S_CA");
	}

	public Path adminKubeconfig() {
		return Path.of(this.env.get("WM_K8S_KUBECONFIG"));
	}

	/**
	 * A fabric8 client with cluster-admin, for setting up and checking, never for the
	 * service.
	 */
	public KubernetesClient admin() {
		try {
			Config config = Config.fromKubeconfig(Files.readString(adminKubeconfig()));
			return new KubernetesClientBuilder().withConfig(config)
				.withHttpClientFactory(new JdkHttpClientFactory())
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Deletes, without waiting, every namespace whose name starts with the prefix a test
	 * class gave its service, so that runs leave nothing behind.
	 */
	public void deleteNamespaces(String prefix) {
		try (KubernetesClient admin = admin()) {
			admin.namespaces()
				.list()
				.getItems()
				.stream()
				.filter((namespace) -> namespace.getMetadata().getName().startsWith(prefix))
				.forEach((namespace) -> admin.resource(namespace)
					.withTimeout(0, java.util.concurrent.TimeUnit.SECONDS)
					.delete());
		}
	}

	/**
	 * A file holding a token of the service's own ServiceAccount (applied from
	 * {@link #SERVICE_ACCOUNT_YAML} and {@link #NAMESPACE_GUARD_YAML} first), good for
	 * two hours.
	 */
	public synchronized Path serviceTokenFile() {
		if (this.serviceTokenFile == null) {
			kubectlOrFail(adminKubeconfig(), "apply", "-f", this.root.resolve(NAMESPACE_GUARD_YAML).toString());
			this.serviceTokenFile = tokenFile("whalemountain-system", "whalemountain", SERVICE_ACCOUNT_YAML);
		}
		return this.serviceTokenFile;
	}

	/**
	 * Applies {@code manifest} (relative to the repository) and returns a file holding a
	 * token of ServiceAccount {@code namespace/name} for two hours.
	 */
	public Path tokenFile(String namespace, String name, String manifest) {
		kubectlOrFail(adminKubeconfig(), "apply", "-f", this.root.resolve(manifest).toString());
		String token = kubectlOrFail(adminKubeconfig(), "-n", namespace, "create", "token", name, "--duration=2h")
			.strip();
		try {
			Path file = Files.createTempFile("wm-k8s-token", ".txt",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(file, token);
			file.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Copies an image from the local dockerd into the cluster's containerd, once. */
	public synchronized void importImage(String image) {
		if (this.imported.add(image)) {
			Result result = run(this.root, null,
					List.of(this.root.resolve("scripts/kubernetes").toString(), "import-image", image));
			if (result.exitCode() != 0) {
				throw new IllegalStateException("import-image " + image + " failed: " + result.stderr());
			}
		}
	}

	/** Runs the cluster's own kubectl with {@code kubeconfig}. */
	public Result kubectl(Path kubeconfig, String... args) {
		List<String> command = new ArrayList<>(
				List.of(this.env.get("WM_K8S_KUBECTL"), "--kubeconfig=" + kubeconfig, "--request-timeout=30s"));
		command.addAll(List.of(args));
		return run(this.root, null, command);
	}

	/** Like {@link #kubectl} with {@code stdin} fed in. */
	public Result kubectlWithInput(Path kubeconfig, String stdin, String... args) {
		List<String> command = new ArrayList<>(List.of(this.env.get("WM_K8S_KUBECTL"), "--kubeconfig=" + kubeconfig));
		command.addAll(List.of(args));
		return run(this.root, stdin, command);
	}

	public String kubectlOrFail(Path kubeconfig, String... args) {
		Result result = kubectl(kubeconfig, args);
		if (result.exitCode() != 0) {
			throw new IllegalStateException("kubectl " + String.join(" ", args) + " failed: " + result.stderr());
		}
		return result.stdout();
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isExecutable(dir.resolve("scripts/kubernetes"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("scripts/kubernetes not found above " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

	private static Result run(Path dir, String stdin, List<String> command) {
		try {
			Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
			CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
			CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
			try (var in = process.getOutputStream()) {
				if (stdin != null) {
					in.write(stdin.getBytes(StandardCharsets.UTF_8));
				}
			}
			if (!process.waitFor(180, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish in 180 s");
			}
			return new Result(process.exitValue(), out.join(), err.join());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String readAll(java.io.InputStream in) {
		try {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A finished command. */
	public record Result(int exitCode, String stdout, String stderr) {
	}

}
