package org.whalemountain.workloads.engine;

/**
 * What a command run in a container left behind.
 *
 * @param exitCode {@code null} when the command timed out, or closed its output and kept
 * running
 * @param truncated whether stdout or stderr was cut at the output limit
 */
public record ExecResult(Integer exitCode, String stdout, String stderr, boolean truncated) {
}
