package org.whalemountain.workloads.engine;

/** No container with that id exists on the engine. */
public class ContainerNotFoundException extends EngineException {

	public ContainerNotFoundException(String message, Throwable cause) {
		super(message, cause);
	}

}
