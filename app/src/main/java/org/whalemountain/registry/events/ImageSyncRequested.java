package org.whalemountain.registry.events;

import java.time.Instant;

/**
 * A user asked for a registry sync ("sync now").
 *
 * @param syncId the run that will do it
 * @param joined whether the request joined a run that was already queued
 * @param sourceAddress where the request came from, or {@code null}
 */
public record ImageSyncRequested(String syncId, String requestedBy, boolean joined, String sourceAddress, Instant at) {
}
