package org.whalemountain.workloads.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.whalemountain.workloads.WorkloadsProperties;
import org.whalemountain.workloads.engine.ContainerEngine;

/**
 * The Kubernetes beans, only while Kubernetes is configured
 * ({@link OnKubernetesConfigured}). Nothing here connects at start: the service starts
 * while the cluster is down, and requests that need it answer 503.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnKubernetesConfigured.class)
class KubernetesConfiguration {

	@Bean(destroyMethod = "close")
	KubernetesClient kubernetesClient(KubernetesProperties properties) {
		return KubernetesClients.create(properties);
	}

	@Bean
	UserNamespaces userNamespaces(KubernetesClient kubernetesClient, KubernetesProperties properties,
			WorkloadsProperties workloads) {
		return new UserNamespaces(kubernetesClient, properties, workloads);
	}

	/**
	 * Known to {@code ContainerEngines} as {@code kubernetes}; launched on only while
	 * {@code wm.workloads.engines.enabled} names it.
	 */
	@Bean
	ContainerEngine kubernetesContainerEngine(KubernetesClient kubernetesClient, UserNamespaces userNamespaces,
			KubernetesProperties properties) {
		return new KubernetesContainerEngine(kubernetesClient, userNamespaces, properties);
	}

	@Bean
	KubeconfigIssuer kubeconfigIssuer(KubernetesClient kubernetesClient, UserNamespaces userNamespaces,
			KubernetesProperties properties) {
		return new KubeconfigIssuer(kubernetesClient, userNamespaces, properties);
	}

}
