package org.whalemountain.workloads;

/**
 * Hears what a {@link Terminal} prints and when it ends. Called on the engine's threads
 * (and the idle sweep's); {@link #ended} comes once, after the last output.
 */
public interface TerminalListener {

	/** Bytes the terminal printed: UTF-8 text with terminal control sequences. */
	void output(byte[] bytes);

	void ended(TerminalEnd end);

}
