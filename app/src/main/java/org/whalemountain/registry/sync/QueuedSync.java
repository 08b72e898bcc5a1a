package org.whalemountain.registry.sync;

/**
 * The answer to a hook that queued a sync (or joined one already queued): the run's id,
 * for {@code GET /api/v1/images/sync/{syncId}}.
 */
record QueuedSync(String syncId) {
}
