package org.whalemountain.workloads.engine;

/**
 * An interactive process with a pseudo-terminal in a container, as an engine runs it (see
 * {@link ContainerEngine#openTerminal}). Thread-safe: input, resizes and closing may come
 * from any thread while the engine delivers output on its own.
 */
public interface TerminalSession extends AutoCloseable {

	/**
	 * Sends keystrokes (or pasted text) to the process; does not block on the process
	 * reading them. Input after {@link #close()} is dropped.
	 * @return {@code false} if the input was refused because the process has left so much
	 * earlier input unread that the engine holds no more; the session stays open and the
	 * caller decides (the service then ends it)
	 */
	boolean write(byte[] input);

	/**
	 * Changes the terminal's size; the process gets {@code SIGWINCH}. Blocks until the
	 * engine has answered.
	 * @throws EngineException if the engine refuses, for instance after the process ended
	 */
	void resize(int columns, int rows);

	/**
	 * Ends the process by closing its terminal (it gets {@code SIGHUP}) and releases the
	 * connection. Idempotent; does not block.
	 */
	@Override
	void close();

}
