package org.whalemountain.runners;

/** What a user's runner is doing, derived from its container's real state. */
public enum RunnerStatus {

	/** The container is created or restarting. */
	STARTING,
	/** The runner process is up and polling GitLab for jobs. */
	RUNNING,
	/** The container exited with an error or died. */
	FAILED,
	/** The container is missing or was stopped. */
	STOPPED

}
