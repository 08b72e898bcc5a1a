package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.RegistryCredentials;

import java.util.Map;

/**
 * The in-memory engine of the fast tests passes the same live contract as the real
 * engines, so that what those tests learn from it holds on a daemon too.
 */
class FakeContainerEngineTests extends ContainerEngineContract {

	private static final String BUSYBOX = "busybox:test";

	private final FakeContainerEngine engine = new FakeContainerEngine(BUSYBOX);

	@Override
	protected ContainerEngine engine() {
		return this.engine;
	}

	@Override
	protected ContainerEngine unreachableEngine() {
		FakeContainerEngine gone = new FakeContainerEngine(BUSYBOX);
		gone.answering(false);
		return gone;
	}

	@Override
	protected String testImage() {
		return BUSYBOX;
	}

	@Override
	protected PullableImage pullableImage() {
		String image = "registry.test/wm-test/pulled-" + this.run + ":1";
		RegistryCredentials token = RegistryCredentials.token("registry.test", "token-" + this.run);
		this.engine.withRegistryImage(image, token, Map.of("/marker", this.run + "\n"));
		return new PullableImage(image, token, this.run + "\n");
	}

}
