package org.whalemountain.workloads.launch;

import org.whalemountain.workloads.engine.EngineUnavailableException;
import org.whalemountain.workloads.engine.ContainerNameTakenException;
import org.whalemountain.workloads.engine.HostPortTakenException;
import org.whalemountain.workloads.engine.ImageNotFoundException;
import org.whalemountain.workloads.engine.VolumeUnavailableException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reason a user reads on a launch that failed in the background, where no problem
 * response can carry it. It is written in the service's words: the engine's own text
 * names registry addresses, ports and internals, so it goes to the log for operators.
 */
final class PullFailures {

	private static final Logger log = LoggerFactory.getLogger(PullFailures.class);

	private PullFailures() {
	}

	static String reason(String image, String name, RuntimeException ex) {
		if (ex instanceof ContainerNameTakenException || ex instanceof HostPortTakenException) {
			return LaunchSteps.conflictOr(ex, name).getMessage();
		}
		log.warn("Launch of {} from {} failed in the background: {}", name, image, ex.getMessage());
		if (ex instanceof ImageNotFoundException notFound) {
			return "The image " + image + " could not be pulled: " + switch (notFound.problem()) {
				case NOT_FOUND -> "the registry has no image of that name and tag. Check the name and the tag.";
				case DENIED -> "the registry refused it; it does not exist or is not public. Check the name, or use an"
						+ " image of the catalogue.";
				case UNREACHABLE -> "its registry could not be reached. Delete the container and try again later.";
				case RATE_LIMITED -> "its registry refused too many pulls. Delete the container and try again later.";
				case OTHER -> "the engine refused the pull. Delete the container and try again; if it keeps failing,"
						+ " tell the administrators.";
			};
		}
		if (ex instanceof VolumeUnavailableException) {
			return "Your home directory could not be made ready for the container. Delete it and launch it again"
					+ " later; if it keeps failing, tell the administrators.";
		}
		if (ex instanceof EngineUnavailableException) {
			return "The container engine did not answer. Delete the container and launch it again later.";
		}
		return "The container could not be started. Delete it and launch it again; if it keeps failing, tell the"
				+ " administrators.";
	}

}
