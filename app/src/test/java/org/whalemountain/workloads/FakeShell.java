package org.whalemountain.workloads;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The few shell words {@link FakeContainerEngine}'s guests understand: {@code echo} (also
 * {@code >&2} and {@code > file}), {@code cat}, {@code env}, {@code true},
 * {@code exit N}, joined by {@code ;} or {@code &&}, given as {@code sh -c script} or as
 * plain arguments. Anything else is "not found" in a command, and ignored in a
 * container's main process, whose idling ({@code trap}, {@code sleep}, {@code wait}) a
 * fake has no use for.
 */
final class FakeShell {

	/**
	 * What a run printed and how it ended.
	 */
	record Outcome(int exitCode, String stdout, String stderr) {
	}

	private FakeShell() {
	}

	static Outcome run(List<String> command, List<String> env, Map<String, byte[]> files, boolean mainProcess) {
		List<String> statements = (command.size() == 3 && command.get(0).equals("sh") && command.get(1).equals("-c"))
				? Arrays.asList(command.get(2).split(";|&&")) : List.of(String.join(" ", command));
		StringBuilder out = new StringBuilder();
		StringBuilder err = new StringBuilder();
		for (String statement : statements) {
			List<String> words = new ArrayList<>(Arrays.asList(statement.trim().split("\\s+")));
			if (words.isEmpty() || words.get(0).isEmpty()) {
				continue;
			}
			String verb = words.remove(0);
			switch (verb) {
				case "echo" -> echo(words, out, err, files);
				case "cat" -> {
					for (String path : words) {
						byte[] content = files.get(path);
						if (content == null) {
							err.append("cat: can't open '").append(path).append("': No such file or directory\n");
							return new Outcome(1, out.toString(), err.toString());
						}
						out.append(new String(content, StandardCharsets.UTF_8));
					}
				}
				case "env" -> env.forEach((entry) -> out.append(entry).append('\n'));
				case "true" -> {
				}
				case "exit" -> {
					return new Outcome(words.isEmpty() ? 0 : Integer.parseInt(words.get(0)), out.toString(),
							err.toString());
				}
				default -> {
					if (!mainProcess) {
						err.append("sh: ").append(verb).append(": not found\n");
						return new Outcome(127, out.toString(), err.toString());
					}
				}
			}
		}
		return new Outcome(0, out.toString(), err.toString());
	}

	private static void echo(List<String> words, StringBuilder out, StringBuilder err, Map<String, byte[]> files) {
		int redirect = words.indexOf(">");
		if (redirect >= 0 && redirect + 1 < words.size()) {
			String text = String.join(" ", words.subList(0, redirect)) + "\n";
			files.put(words.get(redirect + 1), text.getBytes(StandardCharsets.UTF_8));
			return;
		}
		boolean toErr = words.remove(">&2");
		(toErr ? err : out).append(String.join(" ", words)).append('\n');
	}

}
