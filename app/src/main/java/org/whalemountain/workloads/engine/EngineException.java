package org.whalemountain.workloads.engine;

/** A container engine refused or failed an operation; the message says which and why. */
public class EngineException extends RuntimeException {

	public EngineException(String message, Throwable cause) {
		super(message, cause);
	}

}
