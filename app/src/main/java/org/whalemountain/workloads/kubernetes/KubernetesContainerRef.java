package org.whalemountain.workloads.kubernetes;

import org.whalemountain.workloads.engine.ContainerNotFoundException;

/**
 * A container's id on Kubernetes: {@code <namespace>/<deployment>}, stable for as long as
 * the Deployment lives and found again without a lookup.
 */
record KubernetesContainerRef(String namespace, String name) {

	static KubernetesContainerRef of(String namespace, String name) {
		return new KubernetesContainerRef(namespace, name);
	}

	/**
	 * @throws ContainerNotFoundException for an id this engine never handed out
	 */
	static KubernetesContainerRef parse(String containerId) {
		int slash = (containerId != null) ? containerId.indexOf('/') : -1;
		if (slash <= 0 || slash == containerId.length() - 1 || containerId.indexOf('/', slash + 1) >= 0) {
			throw new ContainerNotFoundException("There is no container " + containerId + " on Kubernetes", null);
		}
		return new KubernetesContainerRef(containerId.substring(0, slash), containerId.substring(slash + 1));
	}

	/** Whether the id could name a container of this engine at all. */
	static boolean isValid(String containerId) {
		try {
			parse(containerId);
			return true;
		}
		catch (ContainerNotFoundException ex) {
			return false;
		}
	}

	String id() {
		return this.namespace + "/" + this.name;
	}

}
