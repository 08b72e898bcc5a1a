package org.whalemountain.workloads.engine;

/**
 * How far an engine got with pulling the image of a container it was asked to run.
 *
 * @param percent 0 to 100, never going back; 100 only once the image is there
 * @param message the engine's last words about the pull, for operators and curious users
 */
public record PullProgress(int percent, String message) {
}
