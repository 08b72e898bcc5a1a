package org.whalemountain.workloads;

/** Why a terminal ended. */
public enum TerminalEnd {

	/** The shell exited, or the engine's connection broke. */
	EXITED,

	/**
	 * Nothing shown for {@code wm.workloads.terminal.idle-timeout}: no output, and so no
	 * echo of typing either. Input alone does not count, or a client sending into a shell
	 * that does not read would keep it open for ever.
	 */
	IDLE,

	/** The user (or the page) closed it. */
	CLOSED,

	/**
	 * More input was sent than the shell read: the engine holds a bounded amount of
	 * unread input, and a client that goes on sending into a shell that does not read is
	 * cut off rather than let the service hold it all.
	 */
	FLOODED

}
