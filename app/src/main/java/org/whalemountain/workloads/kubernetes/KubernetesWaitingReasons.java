package org.whalemountain.workloads.kubernetes;

import java.util.Set;

/**
 * The kubelet's reasons for a container that waits, in the service's words: the ones that
 * will not pass by themselves are failures, the rest are a pending container's progress.
 */
final class KubernetesWaitingReasons {

	private static final Set<String> PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
			"ErrImageNeverPull", "RegistryUnavailable");

	private KubernetesWaitingReasons() {
	}

	/** What the user is told about a failure, or {@code null} if it is none. */
	static String failure(String reason, String message, String image) {
		String detail = (message != null && !message.isBlank()) ? " The cluster says: " + message.strip() : "";
		if (PULL_FAILURES.contains(reason)) {
			return "The cluster's node cannot pull the image " + image + " (" + reason
					+ "): the name or tag may be wrong, the registry may refuse it or be unreachable. Check the image,"
					+ " delete the container and launch it again." + detail;
		}
		if ("CrashLoopBackOff".equals(reason)) {
			return "Its process keeps exiting, and the cluster waits longer before each restart (CrashLoopBackOff)."
					+ " Read its logs, fix the command or the image, then delete it and launch it again.";
		}
		if ("CreateContainerConfigError".equals(reason) || "CreateContainerError".equals(reason)
				|| "RunContainerError".equals(reason)) {
			return "The cluster cannot create its container (" + reason + "). If the image runs as root it cannot run"
					+ " here: containers on Kubernetes run as a non-root user." + detail;
		}
		return null;
	}

	static String pending(String reason) {
		return switch (reason) {
			case "ContainerCreating" -> "The cluster's node is pulling the image or creating the container.";
			case "PodInitializing" -> "The cluster is preparing the pod.";
			default -> "The cluster is starting it (" + reason + ").";
		};
	}

}
