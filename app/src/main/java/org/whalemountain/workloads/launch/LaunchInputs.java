package org.whalemountain.workloads.launch;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import org.whalemountain.platform.InvalidInputException;

/**
 * Checks and normalises launch input before anything is created: pure functions, so that
 * bad input never holds a port or leaves a row.
 */
public final class LaunchInputs {

	/** A DNS label: the full {@code <user>-<name>} must also fit in 63 characters. */
	private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

	private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private LaunchInputs() {
	}

	/**
	 * The container's name, unique across users: see {@link LendingSpecs#containerName}.
	 */
	static String fullName(String username, String name) {
		if (name == null || !NAME.matcher(name).matches() || username.length() + 1 + name.length() > 63) {
			throw new InvalidInputException("invalid-container-name", "name",
					"A name is lower-case letters, digits and inner hyphens, and " + username
							+ "-<name> must fit in 63 characters.");
		}
		return LendingSpecs.containerName(username, name);
	}

	static List<String> env(List<String> entries) {
		for (String entry : entries) {
			int eq = entry.indexOf('=');
			if (eq < 1 || !ENV_NAME.matcher(entry.substring(0, eq)).matches()) {
				throw new InvalidInputException("invalid-env", "env", "'" + entry
						+ "' is not NAME=value; a name is letters, digits and underscores, not starting with a digit.");
			}
			if (entry.indexOf('\0') >= 0) {
				// a process environment is NUL-terminated: Docker refuses it, and the
				// sealed copy separates entries with NUL
				throw new InvalidInputException("invalid-env", "env", "The value of " + entry.substring(0, eq)
						+ " contains a NUL character, which no environment variable can hold.");
			}
		}
		return entries;
	}

	static List<Integer> ports(List<Integer> ports, int max) {
		LinkedHashSet<Integer> result = new LinkedHashSet<>();
		for (Integer port : ports) {
			if (port == null || port < 1 || port > 65535) {
				throw new InvalidInputException("invalid-port", "ports",
						"'" + port + "' is not a port; guest ports are 1 to 65535.");
			}
			if (!result.add(port)) {
				// two host ports for one guest port is never what was meant
				throw new InvalidInputException("duplicate-port", "ports",
						"Guest port " + port + " is listed twice; list each guest port once.");
			}
		}
		if (result.size() > max) {
			throw new InvalidInputException("too-many-ports", "ports",
					"A container may publish at most " + max + " ports (wm.workloads.max-ports-per-container).");
		}
		return List.copyOf(result);
	}

	public static List<String> command(List<String> argv) {
		if (argv.isEmpty()) {
			throw new InvalidInputException("invalid-command", "command", "Give a command to run.");
		}
		return argv;
	}

}
