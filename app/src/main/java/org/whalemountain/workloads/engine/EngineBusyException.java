package org.whalemountain.workloads.engine;

/**
 * The engine answers, but every connection the service may hold to it was in use for
 * longer than the service waits for one; trying again shortly makes sense. A kind of
 * unavailability, so that callers that only know that one treat it alike.
 */
public class EngineBusyException extends EngineUnavailableException {

	public EngineBusyException(String message, Throwable cause) {
		super(message, cause);
	}

}
