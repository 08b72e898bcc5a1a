package org.whalemountain.workloads.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KubeconfigDocumentsTests {

	private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";

	@Test
	void aKubeconfigHasOneClusterUserAndContextInTheUsersNamespace() throws IOException {
		String yaml = KubeconfigDocuments.yaml("https://k8s.example.ac.jp:6443", CA, "wm-alice", "eyJtoken.abc.def",
				Instant.parse("2026-12-03T20:00:00Z"));

		try (InputStream in = getClass().getResourceAsStream("kubeconfig-alice.yaml")) {
			assertThat(yaml).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		// and a client reads it as kubectl would
		Config config = Config.fromKubeconfig(yaml);
		assertThat(config.getMasterUrl()).startsWith("https://k8s.example.ac.jp:6443");
		assertThat(config.getNamespace()).isEqualTo("wm-alice");
		assertThat(config.getAutoOAuthToken()).isEqualTo("eyJtoken.abc.def");
	}

	@Test
	void withoutACaTheSystemTrustStoreIsUsed() {
		String yaml = KubeconfigDocuments.yaml("https://k8s.example:443", "", "wm-bob", "t", Instant.EPOCH);

		assertThat(yaml).doesNotContain("certificate-authority").contains("server: \"https://k8s.example:443\"");
	}

}
