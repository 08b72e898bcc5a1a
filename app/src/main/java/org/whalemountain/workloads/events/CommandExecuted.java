package org.whalemountain.workloads.events;

import java.time.Instant;

/**
 * A user ran a command in their container; only the command is kept, never its output.
 */
public record CommandExecuted(String owner, long id, String name, java.util.List<String> command, Integer exitCode,
		String sourceAddress, Instant at) {
}
