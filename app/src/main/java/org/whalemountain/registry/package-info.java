/** Placeholder. */
@org.springframework.modulith.ApplicationModule(displayName = "Registry",
		allowedDependencies = { "identity", "platform" })
package org.whalemountain.registry;
