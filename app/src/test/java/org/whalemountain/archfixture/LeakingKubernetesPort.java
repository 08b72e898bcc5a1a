package org.whalemountain.archfixture;

import io.fabric8.kubernetes.api.model.Pod;

/** A deliberate offender: a port that exposes a fabric8 type. Test fixture only. */
public interface LeakingKubernetesPort {

	Pod pod(String name);

}
