package org.whalemountain.api;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.ShellWords;

/**
 * Request fields that take either a JSON list or one string with shell quoting
 * ({@code "sh -c \"echo $X\""}): students type both. The domain gets a list either way.
 */
final class WordList {

	private WordList() {
	}

	/**
	 * @return the words, or {@code null} when the field is absent or {@code null}
	 * @throws InvalidInputException ({@code invalid-<field>}) for any other JSON value, a
	 * list item that is not a string or number, or an unclosed quote
	 */
	static List<String> of(JsonNode value, String field) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			return null;
		}
		if (value.isString()) {
			return ShellWords.split(value.asString(), field);
		}
		if (value.isArray()) {
			List<String> words = new ArrayList<>();
			for (JsonNode item : value) {
				if (!item.isString() && !item.isNumber()) {
					throw new InvalidInputException("invalid-" + field, field,
							field + " is a list of strings or one space-separated string.");
				}
				words.add(item.asString());
			}
			return words;
		}
		throw new InvalidInputException("invalid-" + field, field, field + " is a list or one space-separated string.");
	}

}
