package org.whalemountain.workloads.kubernetes;

import java.util.Locale;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Whether the cluster's nodes hold an image, from the images each kubelet reports in its
 * node's status. A hint, as the port allows: a kubelet reports only its largest images
 * (50 by default) and a pod may land on another node, so {@code false} is the answer
 * whenever in doubt, and on any failure.
 */
final class KubernetesImages {

	private final KubernetesClient client;

	KubernetesImages(KubernetesClient client) {
		this.client = client;
	}

	boolean present(String image) {
		String wanted = normalized(image);
		try {
			return this.client.nodes()
				.list()
				.getItems()
				.stream()
				.map(Node::getStatus)
				.filter(Objects::nonNull)
				.filter((status) -> status.getImages() != null)
				.flatMap((status) -> status.getImages().stream())
				.map(ContainerImage::getNames)
				.filter(Objects::nonNull)
				.flatMap((names) -> names.stream())
				.anyMatch((name) -> normalized(name).equals(wanted));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * An image reference as containerd names it: with the registry ({@code docker.io}
	 * when none), {@code library/} for Docker Hub's official images, and a tag.
	 */
	static String normalized(String image) {
		String reference = image.toLowerCase(Locale.ROOT);
		int slash = reference.indexOf('/');
		String first = (slash < 0) ? "" : reference.substring(0, slash);
		boolean hasRegistry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
		if (!hasRegistry) {
			reference = "docker.io/" + ((slash < 0) ? "library/" : "") + reference;
		}
		int lastSlash = reference.lastIndexOf('/');
		if (!reference.contains("@") && reference.indexOf(':', lastSlash) < 0) {
			reference = reference + ":latest";
		}
		return reference;
	}

}
