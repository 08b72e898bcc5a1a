package org.whalemountain.workloads.engine;

/** The engine cannot be reached or answered with a server error. */
public class EngineUnavailableException extends EngineException {

	private final String engine;

	public EngineUnavailableException(String message, Throwable cause) {
		this(null, message, cause);
	}

	/**
	 * @param engine the name of the engine that does not answer, so that users are told
	 * which one is down; {@code null} when the thrower does not say
	 */
	public EngineUnavailableException(String engine, String message, Throwable cause) {
		super(message, cause);
		this.engine = engine;
	}

	/** The engine that does not answer, or {@code null} when unsaid (Docker's). */
	public String engine() {
		return this.engine;
	}

}
