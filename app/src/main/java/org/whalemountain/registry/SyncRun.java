package org.whalemountain.registry;

import java.time.Instant;
import java.util.List;

/**
 * One reconciliation of the registry with the catalogue.
 *
 * @param id stable id, for {@code GET /api/v1/images/sync/{id}}
 * @param trigger {@code schedule}, {@code manual}, {@code webhook} or
 * {@code notification}
 * @param requestedBy the user who asked, or {@code null}
 * @param status where the run stands
 * @param finishedAt {@code null} until done
 * @param skipped repositories skipped and why (e.g. unknown owner)
 * @param error why it failed, {@code null} unless FAILED
 */
public record SyncRun(String id, String trigger, String requestedBy, SyncRunStatus status, Instant startedAt,
		Instant finishedAt, int repositories, int tagsAdded, int tagsChanged, int tagsRemoved, List<String> skipped,
		String error) {

	public SyncRun {
		skipped = List.copyOf(skipped);
	}

}
