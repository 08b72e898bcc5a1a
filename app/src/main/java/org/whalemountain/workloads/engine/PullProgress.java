package org.whalemountain.workloads.engine;

/**
 * One progress report of a pull.
 *
 * @param layer the layer id, or {@code null} for messages about the whole image
 * @param status the engine's words ("Downloading", "Pull complete")
 * @param current bytes done for this layer, 0 if unknown
 * @param total bytes of this layer, 0 if unknown
 */
public record PullProgress(String layer, String status, long current, long total) {
}
