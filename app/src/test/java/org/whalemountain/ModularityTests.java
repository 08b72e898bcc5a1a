package org.whalemountain;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The modules use only what their {@code package-info.java} allows. The module diagrams
 * are a documentation step, {@link ModuleDocumentation}.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(WhaleMountainApplication.class);

	@Test
	void modulesOnlyUseWhatTheyDeclare() {
		this.modules.verify();
	}

}
