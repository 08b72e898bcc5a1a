package org.whalemountain.archfixture;

import com.github.dockerjava.api.FakeClient;

/** A deliberate offender: a port that exposes a docker-java type. Test fixture only. */
public interface LeakingPort {

	FakeClient client();

}
