package org.whalemountain.workloads.launch;

import java.util.List;

import org.whalemountain.platform.ImageReference;

/**
 * A launch whose input was checked: everything needed to create the container once its
 * image is on the engine.
 *
 * @param name the full {@code <user>-<name>}
 * @param engine the name of the engine the container is launched on
 * @param reference the checked image name; the engine is given its
 * {@link ImageReference#canonical() canonical} form, never anything docker could read as
 * an image ID
 * @param command arguments replacing the image's CMD, or empty
 * @param home the user's data directory to mount, or {@code null} when none is configured
 */
record LaunchPlan(String owner, String name, String engine, ImageReference reference, List<String> command,
		List<String> env, List<Integer> guestPorts, HomeMount home) {

	LaunchPlan {
		command = List.copyOf(command);
		env = List.copyOf(env);
		guestPorts = List.copyOf(guestPorts);
	}

	/** The image as the engine is given it and the row stores it. */
	String image() {
		return this.reference.canonical();
	}

}
