package org.whalemountain.workloads;

/**
 * A shell a user has open in one of their containers, from
 * {@link Workloads#openTerminal}. Thread-safe. Whatever ends it (the user, the shell, the
 * idle timeout) is reported once to its {@link TerminalListener}.
 */
public interface Terminal {

	/**
	 * Passes keystrokes to the shell; never logged. Dropped once the terminal ended.
	 * Input the shell leaves unread beyond the engine's bound ends the terminal
	 * ({@link TerminalEnd#FLOODED}).
	 */
	void write(byte[] input);

	/**
	 * Changes the terminal's size. A resize that races the terminal's end is ignored.
	 * @throws org.whalemountain.platform.InvalidInputException for a size outside 1 to
	 * 1000
	 */
	void resize(int columns, int rows);

	/** Ends the shell; does nothing if it has ended already. Does not block. */
	void close();

}
