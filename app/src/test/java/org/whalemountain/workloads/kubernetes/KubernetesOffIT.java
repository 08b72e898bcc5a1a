package org.whalemountain.workloads.kubernetes;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.testsupport.Http.basic;

/**
 * The service as most departments run it, without Kubernetes: no Kubernetes bean, and a
 * kubeconfig is a 404 that says why (for admins as well as students).
 */
@ServiceTest
class KubernetesOffIT {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void withoutKubernetesThereIsNoKubeconfigForAnybody() {
		Http http = new Http(this.port);
		for (String user : new String[] { basic("alice", "alice-pass"), basic("sensei", "sensei-pass") }) {
			Http.Response refused = http.getAnything("/api/v1/kubeconfig", user);
			assertThat(refused.status()).isEqualTo(404);
			assertThat(refused.json().get("type").asString()).isEqualTo("/problems/engine-not-enabled");
			assertThat(refused.json().get("detail").asString()).contains("Kubernetes is not enabled");
		}
		assertThat(http.getAnything("/api/v1/kubeconfig", null).status()).isEqualTo(401);
		assertThat(this.context.getBeanNamesForType(KubeconfigIssuer.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(io.fabric8.kubernetes.client.KubernetesClient.class)).isEmpty();
	}

}
