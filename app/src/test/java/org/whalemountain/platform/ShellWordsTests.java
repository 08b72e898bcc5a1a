package org.whalemountain.platform;

import org.junit.jupiter.api.Test;

import org.whalemountain.platform.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ShellWordsTests {

	@Test
	void spacesSeparateWordsAndQuotesHoldThemTogether() {
		assertThat(ShellWords.split("  ls   -l /tmp ", "command")).containsExactly("ls", "-l", "/tmp");
		assertThat(ShellWords.split("sh -c \"echo $GREETING\"", "command")).containsExactly("sh", "-c",
				"echo $GREETING");
		assertThat(ShellWords.split("MSG='hello world' B=2", "env")).containsExactly("MSG=hello world", "B=2");
		assertThat(ShellWords.split("a\"b c\"d", "command")).containsExactly("ab cd");
	}

	@Test
	void nothingIsExpandedAndEscapesFollowTheShell() {
		assertThat(ShellWords.split("'$HOME \\n' \"a\\\"b\\n\" c\\ d", "command")).containsExactly("$HOME \\n",
				"a\"b\\n", "c d");
		assertThat(ShellWords.split("'' x", "command")).containsExactly("", "x");
		assertThat(ShellWords.split("", "command")).isEmpty();
	}

	@Test
	void anOpenQuoteIsRefusedWithWhatToDo() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> ShellWords.split("sh -c \"echo", "command"))
			.withMessageContaining("double quote")
			.withMessageContaining("JSON list");
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> ShellWords.split("it's", "env"));
	}

	@Test
	void theConsolesCommandLinesSplitTheSameWay() {
		// the console's launch and exec forms use this splitter too (they once had their
		// own)
		assertThat(ShellWords.split("  echo   hi ", "command")).containsExactly("echo", "hi");
		assertThat(ShellWords.split("sh -c \"echo 'a b' > /x\"", "command")).containsExactly("sh", "-c",
				"echo 'a b' > /x");
		assertThat(ShellWords.split("printf '' x", "command")).containsExactly("printf", "", "x");
		assertThat(ShellWords.split("   ", "command")).isEmpty();
	}

}
