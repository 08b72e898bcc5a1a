package org.whalemountain.archfixture.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Where fabric8 types belong: inside a {@code kubernetes} adapter package. Test fixture
 * only.
 */
public final class PodNames {

	private PodNames() {
	}

	public static String nameOf(Pod pod) {
		return pod.getMetadata().getName();
	}

}
