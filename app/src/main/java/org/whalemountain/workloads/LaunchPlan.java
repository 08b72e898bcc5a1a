package org.whalemountain.workloads;

import java.util.List;

/**
 * A launch whose input was checked: everything needed to create the container once its
 * image is on the engine.
 *
 * @param name the full {@code <user>-<name>}
 * @param command arguments replacing the image's CMD, or empty
 * @param home the user's data directory to mount, or {@code null} when none is configured
 */
record LaunchPlan(String owner, String name, String image, List<String> command, List<String> env,
		List<Integer> guestPorts, HomeMount home) {

	LaunchPlan {
		command = List.copyOf(command);
		env = List.copyOf(env);
		guestPorts = List.copyOf(guestPorts);
	}

}
