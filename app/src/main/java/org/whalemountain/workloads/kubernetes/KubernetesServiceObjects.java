package org.whalemountain.workloads.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;

import org.whalemountain.workloads.engine.ContainerSpec;

/**
 * How a spec's guest ports are reached, as objects: one Service for all of them, and with
 * an Ingress domain one Ingress per HTTP port. Without a domain the Service is a
 * NodePort, asking for the public port the service reserved when it lies in the cluster's
 * NodePort range and letting the cluster choose otherwise; with one it is a ClusterIP
 * that only the ingress controller reaches (the namespace's NetworkPolicy lets nothing
 * else in). Pure.
 */
final class KubernetesServiceObjects {

	private KubernetesServiceObjects() {
	}

	static Optional<Service> service(ContainerSpec spec, KubernetesPlacement placement) {
		if (spec.ports().isEmpty()) {
			return Optional.empty();
		}
		boolean nodePorts = placement.ingress().domain().isBlank();
		List<Integer> seen = new ArrayList<>();
		ServiceBuilder service = new ServiceBuilder()
			.withMetadata(KubernetesWorkloadObjects.meta(spec, placement, placement.objectName()));
		var serviceSpec = service.withNewSpec()
			.withType(nodePorts ? "NodePort" : "ClusterIP")
			.addToSelector(KubernetesWorkloadObjects.INSTANCE_LABEL, placement.objectName());
		for (ContainerSpec.Port port : spec.ports()) {
			if (seen.contains(port.guestPort())) {
				continue;
			}
			seen.add(port.guestPort());
			ServicePortBuilder servicePort = new ServicePortBuilder().withName(portName(port.guestPort()))
				.withProtocol("TCP")
				.withPort(port.guestPort())
				.withNewTargetPort(port.guestPort());
			if (nodePorts && placement.nodePorts().contains(port.publicPort())) {
				servicePort.withNodePort(port.publicPort());
			}
			serviceSpec.addToPorts(servicePort.build());
		}
		return Optional.of(serviceSpec.endSpec().build());
	}

	/** One Ingress per HTTP guest port, when an Ingress domain is configured. */
	static List<Ingress> ingresses(ContainerSpec spec, KubernetesPlacement placement) {
		KubernetesProperties.Ingress ingress = placement.ingress();
		if (ingress.domain().isBlank()) {
			return List.of();
		}
		List<Integer> http = spec.ports()
			.stream()
			.map(ContainerSpec.Port::guestPort)
			.distinct()
			.filter(ingress.httpPorts()::contains)
			.sorted()
			.toList();
		List<Ingress> ingresses = new ArrayList<>();
		for (int guestPort : http) {
			var ingressSpec = new IngressBuilder()
				.withMetadata(KubernetesWorkloadObjects.meta(spec, placement, placement.ingressName(guestPort)))
				.withNewSpec();
			if (!ingress.className().isBlank()) {
				ingressSpec.withIngressClassName(ingress.className());
			}
			ingresses.add(ingressSpec.addNewRule()
				.withHost(placement.ingressHost(guestPort, guestPort == http.get(0)))
				.withNewHttp()
				.addNewPath()
				.withPath("/")
				.withPathType("Prefix")
				.withNewBackend()
				.withNewService()
				.withName(placement.objectName())
				.withNewPort()
				.withName(portName(guestPort))
				.endPort()
				.endService()
				.endBackend()
				.endPath()
				.endHttp()
				.endRule()
				.endSpec()
				.build());
		}
		return ingresses;
	}

	/** A Service port's name, by which Ingresses refer to it. */
	static String portName(int guestPort) {
		return "p" + guestPort;
	}

}
