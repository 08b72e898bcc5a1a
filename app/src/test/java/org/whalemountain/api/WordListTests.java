package org.whalemountain.api;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.whalemountain.platform.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WordListTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aListOrOneStringWithShellQuotingGiveTheSameWords() {
		assertThat(WordList.of(json("\"A=1  B_2=x=y\""), "env")).containsExactly("A=1", "B_2=x=y");
		assertThat(WordList.of(json("[\"A=with space\"]"), "env")).containsExactly("A=with space");
		assertThat(WordList.of(json("\"sh -c 'echo $X'\""), "command")).containsExactly("sh", "-c", "echo $X");
		assertThat(WordList.of(json("[80, \"443\"]"), "ports")).containsExactly("80", "443");
	}

	@Test
	void absentOrNullIsNoList() {
		assertThat(WordList.of(null, "env")).isNull();
		assertThat(WordList.of(json("null"), "env")).isNull();
	}

	@Test
	void otherShapesAreRefusedNamingTheField() {
		for (String bad : new String[] { "42", "{}", "[[\"a\"]]", "[null]", "true", "\"unclosed 'quote\"" }) {
			assertThatExceptionOfType(InvalidInputException.class).as(bad)
				.isThrownBy(() -> WordList.of(json(bad), "env"))
				.satisfies((ex) -> assertThat(ex.field()).isEqualTo("env"));
		}
	}

	@Test
	void aLaunchBodyHandsTheDomainTypedLists() throws Exception {
		LaunchBody body = JSON.readValue(
				"{\"name\":\"web\",\"image\":\"nginx:1\",\"env\":\"A=1\",\"ports\":\"80 443\",\"command\":[\"sh\"]}",
				LaunchBody.class);

		assertThat(body.toRequest().ports()).containsExactly(80, 443);
		assertThat(body.toRequest().env()).containsExactly("A=1");
		assertThat(body.toRequest().command()).containsExactly("sh");
		assertThat(JSON.readValue("{\"name\":\"web\",\"image\":\"nginx:1\"}", LaunchBody.class).toRequest().command())
			.as("the image's own command")
			.isNull();
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> JSON.readValue("{\"ports\":\"80 http\"}", LaunchBody.class).toRequest())
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("invalid-port"));
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}
