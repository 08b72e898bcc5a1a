package org.whalemountain.workloads.engine;

/**
 * The labels the service puts on what it creates on an engine, and the name of each
 * user's network: one definition for lent containers and runners alike, because the
 * reconcilers find their containers by these labels and a runner's jobs meet the user's
 * containers on that network. Changing any of them orphans what already runs.
 */
public final class EngineLabels {

	/**
	 * What the object is for: {@link #CONTAINER_KIND}, {@link #RUNNER_KIND} or
	 * {@link #USER_KIND}.
	 */
	public static final String KIND_LABEL = "wm.kind";

	/** The username of the container's or network's owner. */
	public static final String OWNER_LABEL = "wm.owner";

	/** The id of a lent container's row, so that a container without a row is found. */
	public static final String ID_LABEL = "wm.container-id";

	/** A container lent to a user. */
	public static final String CONTAINER_KIND = "container";

	/** A user's GitLab Runner. */
	public static final String RUNNER_KIND = "runner";

	/** A user's own namespace on Kubernetes. */
	public static final String USER_KIND = "user";

	private EngineLabels() {
	}

	/** The network every container of one user joins, runner included. */
	public static String network(String owner) {
		return "wm-" + owner;
	}

}
