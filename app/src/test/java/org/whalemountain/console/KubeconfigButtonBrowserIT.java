package org.whalemountain.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.whalemountain.testsupport.Browser;
import org.whalemountain.testsupport.KubernetesCluster;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The kubeconfig button in a real Chromium against the real test cluster: the file the
 * browser saves is one the kubectl line next to the button works with.
 */
@ServiceTest
class KubeconfigButtonBrowserIT {

	static final String PREFIX = "wmb"
			+ Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36).toLowerCase(Locale.ROOT) + "-";

	@LocalServerPort
	int port;

	WebDriver alice;

	@DynamicPropertySource
	static void kubernetesProperties(DynamicPropertyRegistry registry) {
		KubernetesCluster cluster = KubernetesCluster.get();
		registry.add("wm.kubernetes.api.url", cluster::server);
		registry.add("wm.kubernetes.api.ca-file", cluster::caFile);
		registry.add("wm.kubernetes.api.token-file", () -> cluster.serviceTokenFile().toString());
		registry.add("wm.kubernetes.namespace-prefix", () -> PREFIX);
	}

	@AfterEach
	void quit() {
		if (this.alice != null) {
			this.alice.quit();
		}
	}

	@AfterAll
	static void deleteNamespaces() {
		KubernetesCluster.get().deleteNamespaces(PREFIX);
	}

	@Test
	void theDownloadedFileWorksWithTheKubectlLineShownBesideTheButton() throws Exception {
		Path downloads = Files.createTempDirectory("wm-downloads");
		this.alice = Browser.start("en-US", downloads);
		Browser.logIn(this.alice, this.port, "alice", "alice-pass");
		this.alice.get("http://127.0.0.1:" + this.port + "/containers");
		WebDriverWait wait = new WebDriverWait(this.alice, Duration.ofSeconds(10));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kubeconfig-download")));
		String line = this.alice.findElement(By.id("kubectl-get")).getText();
		String fileName = "kubeconfig-" + PREFIX + "alice.yaml";
		assertThat(line).isEqualTo("kubectl --kubeconfig ~/Downloads/" + fileName + " get pods");

		this.alice.findElement(By.id("kubeconfig-download")).click();

		Path file = downloads.resolve(fileName);
		await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(file) && Files.size(file) > 0);
		KubernetesCluster cluster = KubernetesCluster.get();
		KubernetesCluster.Result pods = cluster.kubectl(file, "get", "pods");
		assertThat(pods.exitCode()).as(pods.stderr()).isZero();
		KubernetesCluster.Result secrets = cluster.kubectl(file, "get", "secrets");
		assertThat(secrets.stderr()).contains("Forbidden");
	}

}
