package org.whalemountain.registry;

/**
 * Where a {@link SyncRun} stands. The names are what the API shows and what the
 * {@code registry_sync_runs.status} column stores, so they never change.
 */
public enum SyncRunStatus {

	/** Waiting for the sync lock or for the run before it. */
	QUEUED,

	/** Reading the registry and writing the catalogue. */
	RUNNING,

	/** Done; the counts say what changed. */
	SUCCEEDED,

	/** Done without finishing; the run's error says why. */
	FAILED;

	/** Whether the run has yet to end, so that whoever watches it should look again. */
	public boolean inProgress() {
		return this == QUEUED || this == RUNNING;
	}

}
