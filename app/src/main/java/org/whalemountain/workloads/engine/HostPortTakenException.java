package org.whalemountain.workloads.engine;

import java.util.OptionalInt;

/**
 * A requested host port is already bound on the engine's host, by something the service
 * does not know of (another program, or a container it did not lend).
 */
public class HostPortTakenException extends EngineException {

	private final Integer port;

	public HostPortTakenException(String message, Throwable cause) {
		this(message, null, cause);
	}

	/**
	 * @param port the host port the engine refused, when its answer names it
	 */
	public HostPortTakenException(String message, Integer port, Throwable cause) {
		super(message, cause);
		this.port = port;
	}

	/** The refused host port, when the engine named it. */
	public OptionalInt port() {
		return (this.port != null) ? OptionalInt.of(this.port) : OptionalInt.empty();
	}

}
