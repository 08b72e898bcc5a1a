package org.whalemountain.workloads.kubernetes;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches while {@code wm.kubernetes.api.url} or
 * {@code wm.kubernetes.api.kubeconfig-file} is set: the Kubernetes beans then exist, and
 * otherwise the service runs without them. (The engine switch
 * {@code wm.workloads.engines.enabled} is meant to take this over.)
 */
class OnKubernetesConfigured implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Binder binder = Binder.get(context.getEnvironment());
		return binder.bind("wm.kubernetes.api.url", String.class).map((url) -> !url.isBlank()).orElse(false)
				|| binder.bind("wm.kubernetes.api.kubeconfig-file", String.class)
					.map((file) -> !file.isBlank())
					.orElse(false);
	}

}
