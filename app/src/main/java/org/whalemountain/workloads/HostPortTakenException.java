package org.whalemountain.workloads;

/** A requested host port is already bound on the engine's host. */
public class HostPortTakenException extends EngineException {

	public HostPortTakenException(String message, Throwable cause) {
		super(message, cause);
	}

}
