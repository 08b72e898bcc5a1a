/**
 * The image catalogue: every tag users pushed to the registry, with its description and
 * who it is shared with (nobody, every user, or one directory group), and the one policy
 * that decides who may see, pull, change and delete an image.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Images",
		allowedDependencies = { "registry", "registry::events", "identity", "platform" })
package org.whalemountain.images;
