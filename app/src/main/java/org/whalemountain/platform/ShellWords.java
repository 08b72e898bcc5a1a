package org.whalemountain.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one string into words the way a POSIX shell quotes, without expanding anything:
 * students type {@code sh -c "echo $HOME"} or {@code MSG='hello world'} and expect the
 * quotes to hold a word together. Single quotes keep everything; in double quotes a
 * backslash escapes {@code " \ $ `} only; outside quotes a backslash escapes any
 * character. Variables, globs and substitutions stay as typed: the container's own shell
 * does those, if asked to.
 */
public final class ShellWords {

	private ShellWords() {
	}

	/**
	 * @param field the input the text came from, named in the error
	 * @throws InvalidInputException for an unclosed quote
	 */
	public static List<String> split(String text, String field) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		boolean inWord = false;
		char quote = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quote == '\'') {
				if (c == '\'') {
					quote = 0;
				}
				else {
					word.append(c);
				}
			}
			else if (quote == '"') {
				if (c == '"') {
					quote = 0;
				}
				else if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
					word.append(text.charAt(++i));
				}
				else {
					word.append(c);
				}
			}
			else if (Character.isWhitespace(c)) {
				if (inWord) {
					words.add(word.toString());
					word.setLength(0);
					inWord = false;
				}
			}
			else {
				inWord = true;
				if (c == '\'' || c == '"') {
					quote = c;
				}
				else if (c == '\\' && i + 1 < text.length()) {
					word.append(text.charAt(++i));
				}
				else {
					word.append(c);
				}
			}
		}
		if (quote != 0) {
			throw new InvalidInputException("invalid-" + field, field,
					"A " + ((quote == '"') ? "double" : "single") + " quote in " + field
							+ " is not closed; close it, or send a JSON list of words instead of one string.");
		}
		if (inWord) {
			words.add(word.toString());
		}
		return words;
	}

}
