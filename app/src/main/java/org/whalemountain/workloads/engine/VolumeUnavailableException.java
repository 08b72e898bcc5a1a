package org.whalemountain.workloads.engine;

/**
 * A volume the spec asks for (the owner's home) cannot be given: the engine could not
 * make or find its storage. Trying again later may help; an operator may have to look.
 */
public class VolumeUnavailableException extends EngineException {

	public VolumeUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
