package org.whalemountain.workloads.kubernetes;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * A spec's labels on Kubernetes. Label values are limited to 63 characters of a small
 * alphabet, and usernames are not; so each value is written as a valid label value (see
 * {@link NamespaceNames#ownerLabel}) for selecting, and the exact labels are kept in one
 * annotation, which is what the engine reports back. A selector is written the same way,
 * so that it finds what was labelled.
 */
final class KubernetesLabels {

	/** The spec's labels exactly, as JSON. */
	static final String LABELS_ANNOTATION = "whalemountain.org/labels";

	private KubernetesLabels() {
	}

	static String json(Map<String, String> labels) {
		return Serialization.asJson(new TreeMap<>(labels));
	}

	/** The labels a selector matches objects labelled with {@code labels} by. */
	static Map<String, String> selector(Map<String, String> labels) {
		return labels.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (e) -> NamespaceNames.ownerLabel(e.getValue()), (a, b) -> a,
					TreeMap::new));
	}

	/**
	 * The spec's labels of an object the engine made, or its plain labels without the
	 * engine's own for one it did not.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, String> of(ObjectMeta meta) {
		String json = (meta.getAnnotations() != null) ? meta.getAnnotations().get(LABELS_ANNOTATION) : null;
		if (json != null) {
			try {
				return Map.copyOf(Serialization.unmarshal(json, Map.class));
			}
			catch (RuntimeException ex) {
				// edited by hand into something else: the labels below are what selects
				// it
			}
		}
		Map<String, String> labels = new TreeMap<>((meta.getLabels() != null) ? meta.getLabels() : Map.of());
		labels.remove(KubernetesWorkloadObjects.INSTANCE_LABEL);
		labels.remove(KubernetesWorkloadObjects.MANAGED_BY_LABEL);
		return labels;
	}

}
