package org.whalemountain.workloads.engine;

import org.whalemountain.workloads.FakeContainerEngine;

/**
 * An in-memory engine of any name that has every image, for tests of routing between
 * engines; it behaves as {@link FakeContainerEngine}, which passes the live contract.
 */
public class FakeEngine extends FakeContainerEngine {

	public FakeEngine(String name) {
		super(name, true);
	}

}
