package org.whalemountain.workloads.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Takes the first line, the process's pid as {@link DockerTerminals}'s wrapper prints it,
 * out of a terminal's output. If the first line is not a pid (the wrapper failed, and
 * dockerd says why), everything is passed on and the pid stays unknown.
 */
final class TerminalPid {

	/** Far more than any pid and its CR LF; a longer first line is not a pid. */
	private static final int MAX_LINE = 24;

	private final ByteArrayOutputStream line = new ByteArrayOutputStream();

	private boolean done;

	private volatile Long pid;

	/** The output with the pid line removed; called with each chunk in order. */
	synchronized byte[] strip(byte[] chunk) {
		if (this.done) {
			return chunk;
		}
		for (int i = 0; i < chunk.length; i++) {
			this.line.write(chunk[i]);
			if (chunk[i] == '\n' || this.line.size() >= MAX_LINE) {
				this.done = true;
				String text = this.line.toString(StandardCharsets.US_ASCII).strip();
				byte[] rest = Arrays.copyOfRange(chunk, i + 1, chunk.length);
				if (text.matches("\\d{1,10}")) {
					this.pid = Long.parseLong(text);
					return rest;
				}
				byte[] all = this.line.toByteArray();
				byte[] joined = Arrays.copyOf(all, all.length + rest.length);
				System.arraycopy(rest, 0, joined, all.length, rest.length);
				return joined;
			}
		}
		return new byte[0];
	}

	/** The pid once the first line has come, else {@code null}. */
	Long value() {
		return this.pid;
	}

}
