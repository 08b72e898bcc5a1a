package org.whalemountain.workloads.kubernetes;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

import org.whalemountain.workloads.engine.Endpoint;

/**
 * How each guest port of a container is reached, from its Service and Ingresses as the
 * cluster made them: the Ingress's URL when there is one, else the NodePort the cluster
 * allocated on the configured node address, else the {@code kubectl port-forward} line
 * that works with the user's downloaded kubeconfig. Pure.
 */
final class KubernetesEndpoints {

	private KubernetesEndpoints() {
	}

	static List<Endpoint> of(KubernetesContainerRef ref, Service service, List<Ingress> ingresses, String nodeAddress) {
		List<Endpoint> endpoints = new ArrayList<>();
		if (service == null || service.getSpec() == null || service.getSpec().getPorts() == null) {
			return endpoints;
		}
		for (ServicePort port : service.getSpec().getPorts()) {
			int guest = port.getPort();
			String url = url(ingresses, KubernetesServiceObjects.portName(guest));
			if (url != null) {
				endpoints.add(Endpoint.url(guest, url));
			}
			else if (port.getNodePort() != null && !nodeAddress.isBlank()) {
				endpoints.add(Endpoint.published(guest, nodeAddress, port.getNodePort()));
			}
			else {
				endpoints.add(Endpoint.forwarded(guest, forwardCommand(ref, guest)));
			}
		}
		return endpoints;
	}

	/** What a user types, with their kubeconfig, to reach the port on their machine. */
	static String forwardCommand(KubernetesContainerRef ref, int guestPort) {
		return "kubectl -n " + ref.namespace() + " port-forward deployment/" + ref.name() + " " + guestPort + ":"
				+ guestPort;
	}

	private static String url(List<Ingress> ingresses, String portName) {
		for (Ingress ingress : ingresses) {
			var rule = ingress.getSpec().getRules().get(0);
			var backend = rule.getHttp().getPaths().get(0).getBackend().getService();
			if (backend != null && backend.getPort() != null && portName.equals(backend.getPort().getName())) {
				boolean tls = ingress.getSpec().getTls() != null && !ingress.getSpec().getTls().isEmpty();
				return (tls ? "https://" : "http://") + rule.getHost() + "/";
			}
		}
		return null;
	}

}
