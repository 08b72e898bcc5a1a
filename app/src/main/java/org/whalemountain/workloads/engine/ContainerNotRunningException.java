package org.whalemountain.workloads.engine;

/** The container exists but is not running, so nothing can be run in it. */
public class ContainerNotRunningException extends EngineException {

	public ContainerNotRunningException(String message, Throwable cause) {
		super(message, cause);
	}

}
