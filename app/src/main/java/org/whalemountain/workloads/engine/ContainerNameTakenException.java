package org.whalemountain.workloads.engine;

/** A container with that name already exists. */
public class ContainerNameTakenException extends EngineException {

	public ContainerNameTakenException(String message, Throwable cause) {
		super(message, cause);
	}

}
