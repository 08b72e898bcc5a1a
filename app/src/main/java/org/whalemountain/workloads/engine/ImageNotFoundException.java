package org.whalemountain.workloads.engine;

/**
 * The image is neither present on the engine nor pullable. The message has the engine's
 * own words for operators; {@link #problem()} is what users are told.
 */
public class ImageNotFoundException extends EngineException {

	private final PullProblem problem;

	public ImageNotFoundException(String message, Throwable cause) {
		this(message, PullProblem.NOT_FOUND, cause);
	}

	public ImageNotFoundException(String message, PullProblem problem, Throwable cause) {
		super(message, cause);
		this.problem = problem;
	}

	/** Why the image could not be had, in terms a user can act on. */
	public PullProblem problem() {
		return this.problem;
	}

	/** Why a pull failed, as far as a user can act on it. */
	public enum PullProblem {

		/** The registry has no such repository, tag or digest. */
		NOT_FOUND,
		/** The registry refused this pull: the image is private or does not exist. */
		DENIED,
		/** The registry could not be reached, or did not answer in time. */
		UNREACHABLE,
		/** The registry refused because of too many pulls. */
		RATE_LIMITED,
		/** Anything else; operators find the engine's words in the log. */
		OTHER

	}

}
