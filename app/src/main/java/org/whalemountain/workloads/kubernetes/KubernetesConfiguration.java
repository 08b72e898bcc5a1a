package org.whalemountain.workloads.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
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

	private static final String KUBERNETES = "kubernetes";

	@Bean(destroyMethod = "close")
	KubernetesClient kubernetesClient(KubernetesProperties properties) {
		return KubernetesClients.create(properties);
	}

	/**
	 * Users' namespaces hold their runner's account while {@code wm.runners.engine} is
	 * {@code kubernetes}: read as a plain property, since the runners module depends on
	 * this one and not the other way round.
	 */
	@Bean
	UserNamespaces userNamespaces(KubernetesClient kubernetesClient, KubernetesProperties properties,
			WorkloadsProperties workloads, Environment environment) {
		return new UserNamespaces(kubernetesClient, properties, workloads,
				KUBERNETES.equals(environment.getProperty("wm.runners.engine")));
	}

	@Bean
	KubernetesHealthIndicator kubernetesHealthIndicator(KubernetesClient kubernetesClient) {
		return new KubernetesHealthIndicator(kubernetesClient);
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
