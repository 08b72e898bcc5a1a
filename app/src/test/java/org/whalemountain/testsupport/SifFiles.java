package org.whalemountain.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A catalogue image's SIF as a user gets it, and what Apptainer would see inside: the
 * download once the build is done, the squashfs partition unpacked by the real
 * {@code unsquashfs}, and the image's environment and runscript run in a chroot of it.
 */
public final class SifFiles {

	/**
	 * What Apptainer's actions do before they run anything: source every file of
	 * {@code /.singularity.d/env/} in order.
	 */
	private static final String SOURCE_ENVIRONMENT = "for f in /.singularity.d/env/*.sh; do [ -e \"$f\" ] && . \"$f\"; done; ";

	private SifFiles() {
	}

	/** Downloads image {@code id}'s SIF into {@code target} once it is built. */
	public static Path download(int port, long id, String authorization, Path target, Duration atMost) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/images/" + id + "/sif"))
			.header("Authorization", authorization)
			.build();
		return await().atMost(atMost)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofFile(target)),
					(response) -> response.statusCode() == 200)
			.body();
	}

	/** Unpacks the SIF's root file system into {@code root}. */
	public static Path unpack(Path sif, Path root) throws Exception {
		run("unsquashfs", "-o", String.valueOf(squashfsOffset(sif)), "-d", root.toString(), sif.toString());
		return root;
	}

	/**
	 * Runs {@code command} in a chroot of the unpacked root with the image's environment,
	 * as {@code apptainer exec} would.
	 */
	public static String execute(Path root, String command) throws Exception {
		return run("chroot", root.toString(), "/bin/sh", "-c", SOURCE_ENVIRONMENT + command);
	}

	/**
	 * Runs the image's runscript (its ENTRYPOINT and CMD) with {@code arguments} and the
	 * image's environment, as {@code apptainer run} does.
	 */
	public static String runscript(Path root, String... arguments) throws Exception {
		String[] command = new String[arguments.length + 6];
		command[0] = "chroot";
		command[1] = root.toString();
		command[2] = "/bin/sh";
		command[3] = "-c";
		command[4] = SOURCE_ENVIRONMENT + "exec /.singularity.d/runscript \"$@\"";
		command[5] = "runscript";
		System.arraycopy(arguments, 0, command, 6, arguments.length);
		return run(command);
	}

	/**
	 * The partition's offset, from {@code siftool list}: "3 |1 |NONE |32768-1073152 |FS
	 * (…)".
	 */
	private static long squashfsOffset(Path sif) throws Exception {
		String list = run("siftool", "list", sif.toString());
		String row = list.lines().filter((line) -> line.contains("Squashfs")).findFirst().orElseThrow();
		String range = row.split("\\|")[3].trim();
		return Long.parseLong(range.substring(0, range.indexOf('-')));
	}

	private static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
