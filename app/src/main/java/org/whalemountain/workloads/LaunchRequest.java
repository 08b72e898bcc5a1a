package org.whalemountain.workloads;

import java.util.List;

import org.whalemountain.platform.InvalidInputException;

/**
 * What a user asks to launch, already split into words: the API and the console each turn
 * their own input (JSON lists or one string, form fields) into these lists.
 *
 * @param name the name after the {@code <user>-} prefix (a DNS label)
 * @param image a catalogue reference the user may see, or an allowed Docker Hub name
 * @param env {@code NAME=value} entries; empty for none
 * @param ports guest ports; empty for none
 * @param command arguments replacing the image's CMD, or {@code null} for the image's own
 * @param engine the engine to run on, or {@code null} for the default one
 */
public record LaunchRequest(String name, String image, List<String> env, List<Integer> ports, List<String> command,
		String engine) {

	public LaunchRequest {
		env = (env != null) ? List.copyOf(env) : List.of();
		ports = (ports != null) ? List.copyOf(ports) : List.of();
		command = (command != null) ? List.copyOf(command) : null;
	}

	/**
	 * Guest ports typed as words ({@code "80 443"} split, or a form field).
	 * @throws InvalidInputException ({@code invalid-port}) for a word that is no port
	 */
	public static List<Integer> ports(List<String> words) {
		return words.stream().map(LaunchRequest::port).toList();
	}

	private static Integer port(String word) {
		try {
			int port = Integer.parseInt(word);
			if (port >= 1 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// answered below, like a number out of range
		}
		throw new InvalidInputException("invalid-port", "ports",
				"'" + word + "' is not a port; guest ports are 1 to 65535.");
	}

}
