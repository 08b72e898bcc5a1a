package org.whalemountain.workloads.kubernetes;

import java.time.Duration;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.whalemountain.workloads.WorkloadsProperties;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Enabled.class);

	@Test
	void withNothingSetKubernetesIsOffAndNoKubernetesBeanExists() {
		this.context.run((context) -> {
			assertThat(context).hasNotFailed();
			KubernetesProperties properties = context.getBean(KubernetesProperties.class);
			assertThat(properties.enabled()).isFalse();
			assertThat(properties.namespacePrefix()).isEqualTo("wm-");
			assertThat(properties.kubeconfig().lifetime()).isEqualTo(Duration.ofHours(8));
			assertThat(properties.kubeconfig().maxLifetime()).isEqualTo(Duration.ofHours(24));
			assertThat(properties.networkPolicy().ingressNamespace()).isEqualTo("ingress-nginx");
			assertThat(context).doesNotHaveBean(KubernetesClient.class).doesNotHaveBean(KubeconfigIssuer.class);
		});
	}

	@Test
	void anApiUrlWithATokenFileTurnsKubernetesOnWithoutConnecting() {
		this.context
			.withPropertyValues("wm.kubernetes.api.url=https://127.0.0.1:1", "wm.kubernetes.api.token-file=/nowhere",
					"wm.kubernetes.kubeconfig.lifetime=2h")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(KubeconfigIssuer.class)
					.hasSingleBean(UserNamespaces.class);
				assertThat(context.getBean(KubernetesProperties.class).kubeconfig().lifetime())
					.isEqualTo(Duration.ofHours(2));
			});
	}

	@Test
	void incompleteOrContradictorySettingsStopTheStartWithWhatToFix() {
		this.context.withPropertyValues("wm.kubernetes.api.url=https://k8s.example:6443")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("token-file"));
		this.context
			.withPropertyValues("wm.kubernetes.api.url=http://k8s.example:6443", "wm.kubernetes.api.token-file=/t")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("https://"));
		this.context
			.withPropertyValues("wm.kubernetes.api.url=https://k8s.example:6443", "wm.kubernetes.api.token-file=/t",
					"wm.kubernetes.api.kubeconfig-file=/k")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("not both"));
		this.context.withPropertyValues("wm.kubernetes.namespace-prefix=WM_")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("namespace-prefix"));
		this.context.withPropertyValues("wm.kubernetes.kubeconfig.lifetime=30h")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("max-lifetime"));
		this.context.withPropertyValues("wm.kubernetes.kubeconfig.lifetime=5m")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("kubeconfig.lifetime"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ KubernetesProperties.class, WorkloadsProperties.class })
	@Import(KubernetesConfiguration.class)
	static class Enabled {

	}

}
