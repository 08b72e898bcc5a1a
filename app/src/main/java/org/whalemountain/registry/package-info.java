/**
 * The container registry as the service sees it: image names under each user's prefix,
 * runner push credentials, the token service that tells the registry who may pull and
 * push what, and the sync that tells the catalogue which tags the registry holds.
 *
 * <p>
 * This package is the module's public face ({@link org.whalemountain.registry.Registry},
 * its ports, records and exceptions), {@code events} what it publishes; {@code sync},
 * {@code token}, {@code distribution} and {@code facade} are internal and depend on this
 * package, never it on them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registry",
		allowedDependencies = { "identity", "platform" })
package org.whalemountain.registry;
