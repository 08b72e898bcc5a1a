package org.whalemountain.workloads.engine;

/** The engine cannot be reached or answered with a server error. */
public class EngineUnavailableException extends EngineException {

	public EngineUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
