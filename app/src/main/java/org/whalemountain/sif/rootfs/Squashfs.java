package org.whalemountain.sif.rootfs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code mksquashfs - OUT -tar}, streaming the flattened root filesystem into it: no
 * extraction on the host, gzip compression (which every Apptainer reads), every file
 * owned by root. With an offset it writes the filesystem that far into OUT ({@code -o}),
 * where a SIF's partition goes, so the partition is never copied; the bytes before it are
 * the caller's to write afterwards.
 */
public final class Squashfs {

	private final String mksquashfs;

	public Squashfs(String mksquashfs) {
		this.mksquashfs = mksquashfs;
	}

	/**
	 * @return what flattening reported
	 * @throws ImageBuildException when mksquashfs is missing or fails (with its output)
	 */
	public FlattenReport build(Flattener flattener, Path out, Path log) throws IOException, InterruptedException {
		return build(flattener, out, 0, log, Flattener.Progress.NONE);
	}

	/**
	 * Like {@link #build(Flattener, Path, Path)}, the filesystem starting {@code offset}
	 * bytes into {@code out} (which it truncates first; the bytes before are zeros).
	 */
	public FlattenReport build(Flattener flattener, Path out, long offset, Path log, Flattener.Progress progress)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(this.mksquashfs, "-", out.toString(), "-tar", "-noappend",
				"-all-root", "-no-progress", "-comp", "gzip"));
		if (offset > 0) {
			command.addAll(List.of("-o", String.valueOf(offset)));
		}
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		}
		catch (IOException ex) {
			throw new ImageBuildException(this.mksquashfs + " cannot be run (" + ex.getMessage()
					+ "); install squashfs-tools on the service host", ex);
		}
		boolean finished = false;
		try {
			FlattenReport report;
			try (OutputStream stdin = process.getOutputStream()) {
				report = flattener.writeTo(stdin, progress);
			}
			catch (IOException ex) {
				// a broken pipe usually means mksquashfs gave up first; its own words say
				// why
				if (!Thread.currentThread().isInterrupted() && process.waitFor(30, TimeUnit.SECONDS)
						&& process.exitValue() != 0) {
					throw new ImageBuildException(failure(process, log, ex), ex);
				}
				throw ex;
			}
			if (!process.waitFor(6, TimeUnit.HOURS) || process.exitValue() != 0) {
				throw new ImageBuildException(failure(process, log, null));
			}
			finished = true;
			return report;
		}
		finally {
			// a build that failed or was stopped leaves no mksquashfs behind
			if (!finished) {
				process.destroyForcibly();
			}
		}
	}

	/** Whether the configured mksquashfs can be run at all, for the health indicator. */
	public boolean available() {
		try {
			Process process = new ProcessBuilder(this.mksquashfs, "-version").redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * What the build log says about a failed mksquashfs: its own last words, its exit
	 * status (a signal when it was killed, and then it says nothing), and what broke on
	 * our side of the pipe.
	 */
	private static String failure(Process process, Path log, IOException cause) throws IOException {
		String status = process.isAlive() ? "still running" : "exit status " + process.exitValue();
		String said = tail(log).strip();
		return "mksquashfs failed (" + status + ")" + (said.isEmpty() ? "" : ": " + said)
				+ ((cause != null) ? "; writing to it: " + cause : "");
	}

	private static String tail(Path log) throws IOException {
		String text = Files.exists(log) ? Files.readString(log) : "";
		return (text.length() > 2000) ? text.substring(text.length() - 2000) : text;
	}

}
