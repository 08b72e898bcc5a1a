package org.whalemountain.console;

import org.whalemountain.registry.SyncRun;

/**
 * What the My images page shows about syncing the registry.
 *
 * @param available whether this installation can sync on request at all
 * @param last the newest sync run, or {@code null} when there was none
 * @param error why the last request was refused, or {@code null}
 */
// public, with public methods, because the templates' expressions reach only those
public record SyncStatus(boolean available, SyncRun last, String error) {

	static final SyncStatus UNAVAILABLE = new SyncStatus(false, null, null);

	/** Whether the page should keep asking until the run ends. */
	public boolean inProgress() {
		return this.last != null && this.last.status().inProgress();
	}

	SyncStatus withError(String error) {
		return new SyncStatus(this.available, this.last, error);
	}

}
