package org.whalemountain.workloads;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import org.whalemountain.platform.InvalidInputException;

/**
 * Checks and normalises launch input before anything is created: pure functions, so that
 * bad input never holds a port or leaves a row.
 */
final class LaunchInputs {

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

	static List<String> env(Object env) {
		List<String> entries = words(env, "env");
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

	static List<Integer> ports(Object ports, int max) {
		LinkedHashSet<Integer> result = new LinkedHashSet<>();
		for (String word : words(ports, "ports")) {
			int port;
			try {
				port = Integer.parseInt(word);
			}
			catch (NumberFormatException ex) {
				port = 0;
			}
			if (port < 1 || port > 65535) {
				throw new InvalidInputException("invalid-port", "ports",
						"'" + word + "' is not a port; guest ports are 1 to 65535.");
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

	static List<String> command(Object command) {
		List<String> argv = words(command, "command");
		if (argv.isEmpty()) {
			throw new InvalidInputException("invalid-command", "command", "Give a command to run.");
		}
		return argv;
	}

	private static List<String> words(Object value, String field) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof String text) {
			return ShellWords.split(text, field);
		}
		if (value instanceof List<?> list) {
			List<String> result = new ArrayList<>();
			for (Object item : list) {
				if (!(item instanceof String) && !(item instanceof Number)) {
					throw new InvalidInputException("invalid-" + field, field,
							field + " is a list of strings or one space-separated string.");
				}
				result.add(String.valueOf(item));
			}
			return result;
		}
		throw new InvalidInputException("invalid-" + field, field, field + " is a list or one space-separated string.");
	}

}
