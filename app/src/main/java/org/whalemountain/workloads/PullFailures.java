package org.whalemountain.workloads;

/**
 * The reason a user reads on a launch that failed in the background, where no problem
 * response can carry it.
 */
final class PullFailures {

	private PullFailures() {
	}

	static String reason(String image, String name, RuntimeException ex) {
		if (ex instanceof ImageNotFoundException) {
			return "The image " + image + " could not be pulled: " + ex.getMessage();
		}
		if (ex instanceof EngineUnavailableException) {
			return "The Docker host did not answer (" + ex.getMessage() + "); delete the container and launch again.";
		}
		if (ex instanceof ContainerNameTakenException || ex instanceof HostPortTakenException) {
			return ContainerLauncher.conflictOr(ex, name).getMessage();
		}
		return "The container could not be started: " + ex.getMessage();
	}

}
