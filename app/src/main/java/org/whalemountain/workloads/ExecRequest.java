package org.whalemountain.workloads;

import java.time.Duration;
import java.util.List;

import org.whalemountain.platform.InvalidInputException;

/**
 * A command to run in a container.
 *
 * @param command the argument list
 * @param timeoutSeconds how long to wait, or {@code null} for the configured default
 */
public record ExecRequest(List<String> command, Integer timeoutSeconds) {

	public ExecRequest {
		command = (command != null) ? List.copyOf(command) : List.of();
	}

	/**
	 * @throws InvalidInputException for a timeout outside 1 second to the maximum
	 */
	Duration timeout(WorkloadsProperties.Exec limits) {
		Duration max = limits.maxTimeout();
		if (this.timeoutSeconds == null) {
			return limits.timeout();
		}
		if (this.timeoutSeconds < 1 || this.timeoutSeconds > max.toSeconds()) {
			throw new InvalidInputException("invalid-timeout", "timeoutSeconds",
					"timeoutSeconds is from 1 to " + max.toSeconds() + " (wm.workloads.exec.max-timeout).");
		}
		return Duration.ofSeconds(this.timeoutSeconds);
	}

}
