/**
 * The container registry as the service sees it: image names under each user's prefix,
 * runner push credentials, the token service that tells the registry who may pull and
 * push what, and the sync that tells the catalogue which tags the registry holds.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registry",
		allowedDependencies = { "identity", "platform" })
package org.whalemountain.registry;
