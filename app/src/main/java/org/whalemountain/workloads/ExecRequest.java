package org.whalemountain.workloads;

/**
 * A command to run in a container.
 *
 * @param command an argument list, or one string split at spaces
 * @param timeoutSeconds how long to wait, or {@code null} for the configured default
 */
public record ExecRequest(Object command, Integer timeoutSeconds) {
}
