package org.whalemountain.sif;

/** Where a SIF build stands. */
public enum SifStatus {

	/** Waiting for a free builder. */
	QUEUED,
	/** Being built; see the progress. */
	BUILDING,
	/** Built; the file can be downloaded. */
	READY,
	/** The last attempt failed; the message says why. */
	FAILED

}
