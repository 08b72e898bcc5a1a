package org.whalemountain.workloads.docker;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalInputTests {

	@Test
	void chunksComeOutInOrderAcrossSmallReads() {
		TerminalInput input = new TerminalInput();
		input.offer(bytes("echo "));
		input.offer(bytes("hi\n"));

		byte[] buffer = new byte[3];
		StringBuilder read = new StringBuilder();
		for (int i = 0; i < 3; i++) {
			int count = input.read(buffer, 0, buffer.length);
			read.append(new String(buffer, 0, count, StandardCharsets.UTF_8));
		}

		assertThat(read).hasToString("echo hi\n");
	}

	@Test
	void closingEndsAReadThatWaitsAndDropsLaterInput() throws Exception {
		TerminalInput input = new TerminalInput();
		CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> input.read(new byte[8], 0, 8));

		input.close();

		assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
		assertThat(input.offer(bytes("late"))).isFalse();
		assertThat(input.read()).isEqualTo(-1);
	}

	@Test
	void inputOfferedBeforeTheCloseIsStillRead() {
		TerminalInput input = new TerminalInput();
		input.offer(bytes("exit\n"));
		input.close();

		byte[] buffer = new byte[16];
		assertThat(input.read(buffer, 0, buffer.length)).isEqualTo(5);
		assertThat(input.read(buffer, 0, buffer.length)).isEqualTo(-1);
	}

	@Test
	void inputBeyondTheUnreadBoundIsRefusedUntilSomeIsRead() {
		TerminalInput input = new TerminalInput(10);
		assertThat(input.offer(bytes("12345678"))).isTrue();

		assertThat(input.offer(bytes("abc"))).isFalse();
		assertThat(input.unread()).isEqualTo(8);

		assertThat(input.read(new byte[4], 0, 4)).isEqualTo(4);
		assertThat(input.offer(bytes("abc"))).isTrue();
		assertThat(input.unread()).isEqualTo(7);
		assertThat(input.offer(bytes("xyzw"))).isFalse();
	}

	@Test
	void theDefaultBoundHoldsAQuarterMebibyte() {
		TerminalInput input = new TerminalInput();
		byte[] chunk = new byte[4096];
		int accepted = 0;
		while (accepted < 1000 && input.offer(chunk)) {
			accepted++;
		}

		assertThat(accepted * chunk.length).isEqualTo(TerminalInput.MAX_UNREAD_BYTES).isEqualTo(256 * 1024);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
