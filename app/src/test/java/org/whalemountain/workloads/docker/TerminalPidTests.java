package org.whalemountain.workloads.docker;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalPidTests {

	@Test
	void thePidLineIsTakenOutEvenWhenSplitAcrossChunks() {
		TerminalPid pid = new TerminalPid();

		assertThat(pid.strip(bytes("12"))).isEmpty();
		assertThat(pid.value()).isNull();
		assertThat(text(pid.strip(bytes("34\r\n/ # ")))).isEqualTo("/ # ");
		assertThat(text(pid.strip(bytes("ls\r\n")))).isEqualTo("ls\r\n");
		assertThat(pid.value()).isEqualTo(1234L);
	}

	@Test
	void aFirstLineThatIsNoPidIsPassedOn() {
		TerminalPid pid = new TerminalPid();

		assertThat(text(pid.strip(bytes("sh: not found\r\nmore")))).isEqualTo("sh: not found\r\nmore");
		assertThat(pid.value()).isNull();
	}

	@Test
	void aLongFirstLineIsPassedOnWithoutWaitingForItsEnd() {
		TerminalPid pid = new TerminalPid();

		assertThat(text(pid.strip(bytes("x".repeat(30))))).isEqualTo("x".repeat(30));
		assertThat(pid.value()).isNull();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
