package org.whalemountain.workloads;

/** Why a terminal ended. */
public enum TerminalEnd {

	/** The shell exited, or the engine's connection broke. */
	EXITED,

	/** No input and no output for {@code wm.workloads.terminal.idle-timeout}. */
	IDLE,

	/** The user (or the page) closed it. */
	CLOSED

}
