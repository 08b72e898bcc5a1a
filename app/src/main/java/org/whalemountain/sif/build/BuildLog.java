package org.whalemountain.sif.build;

import java.time.Instant;

/** What a build did, line by line, kept with the build for users and admins to read. */
public final class BuildLog {

	private static final int MAX_CHARS = 64 * 1024;

	private final StringBuilder text = new StringBuilder();

	public synchronized void line(String line) {
		if (this.text.length() < MAX_CHARS) {
			this.text.append(Instant.now()).append(' ').append(line).append('\n');
		}
	}

	@Override
	public synchronized String toString() {
		return this.text.toString();
	}

}
