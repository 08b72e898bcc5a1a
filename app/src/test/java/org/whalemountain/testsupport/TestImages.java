package org.whalemountain.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Images for tests, built here since nothing can be pulled: a busybox root filesystem
 * from Debian's {@code busybox-static}, imported with {@code docker import}.
 */
public final class TestImages {

	/** A busybox image with every applet linked in /bin and a shell as its command. */
	public static final String BUSYBOX = "wm-test/busybox:1";

	/**
	 * What the stand-in runs: it refuses to start, as gitlab-runner would with a
	 * configuration it cannot load, without a hardened /etc/gitlab-runner/config.toml
	 * (jobs privileged, given the Docker socket, or free to pick their user, root
	 * included) or without the socket bound in, and when the runner token starts with
	 * {@code glrt-crash}, so that tests can make a new runner fail to start. Otherwise it
	 * stays up like a runner polling GitLab.
	 */
	private static final String STAND_IN_SCRIPT = """
			#!/bin/sh
			config=/etc/gitlab-runner/config.toml
			[ -f "$config" ] || { echo "no $config" >&2; exit 2; }
			grep -q '^ *privileged = false' "$config" || { echo "jobs would be privileged" >&2; exit 3; }
			grep -q 'docker.sock' "$config" && { echo "jobs would get the Docker socket" >&2; exit 4; }
			[ -S /var/run/docker.sock ] || { echo "no Docker socket for the runner" >&2; exit 5; }
			grep -q '^ *user = "[1-9][0-9]*:[1-9][0-9]*"$' "$config" \\
			  && grep -q '^ *allowed_users = \\["[1-9][0-9]*:[1-9][0-9]*"\\]$' "$config" \\
			  || { echo "jobs could choose their user, root included" >&2; exit 6; }
			grep -q '^ *token = "glrt-crash' "$config" && { echo "this runner token makes the stand-in fail" >&2; exit 7; }
			echo "stand-in runner up"
			exec sleep 86400
			""";

	/**
	 * Stands in for gitlab/gitlab-runner (see {@link #STAND_IN_SCRIPT}). The tag carries
	 * a hash of the script, so that a changed script is built afresh rather than an older
	 * image found on a shared dockerd.
	 */
	public static final String STAND_IN_RUNNER = "wm-test/gitlab-runner:stand-in-" + shortHash(STAND_IN_SCRIPT);

	private static final String BUSYBOX_BINARY = System.getenv().getOrDefault("WM_BUSYBOX", "/bin/busybox");

	private TestImages() {
	}

	/**
	 * Builds {@link #STAND_IN_RUNNER} (and the busybox it starts from) unless dockerd has
	 * it.
	 */
	public static synchronized String standInRunner() {
		busybox();
		if (DockerCli.attempt(Map.of(), null, "image", "inspect", STAND_IN_RUNNER).exitCode() == 0) {
			return STAND_IN_RUNNER;
		}
		try {
			Path context = Files.createTempDirectory("wm-stand-in-runner");
			Files.writeString(context.resolve("run.sh"), STAND_IN_SCRIPT);
			Files.writeString(context.resolve("Dockerfile"),
					"FROM " + BUSYBOX + "\nCOPY run.sh /run.sh\nCMD [\"/bin/sh\", \"/run.sh\"]\n");
			DockerCli.run(Map.of("DOCKER_BUILDKIT", "0"), null, "build", "-q", "-t", STAND_IN_RUNNER,
					context.toString());
			return STAND_IN_RUNNER;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not build " + STAND_IN_RUNNER, ex);
		}
	}

	private static String shortHash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Builds {@link #BUSYBOX} unless dockerd already has it; returns its name. */
	public static synchronized String busybox() {
		if (DockerCli.attempt(Map.of(), null, "image", "inspect", BUSYBOX).exitCode() == 0) {
			return BUSYBOX;
		}
		try {
			Path root = Files.createTempDirectory("wm-busybox-root");
			Path bin = Files.createDirectories(root.resolve("bin"));
			for (String dir : new String[] { "tmp", "etc", "root", "home", "proc", "sys", "dev", "var/tmp" }) {
				Files.createDirectories(root.resolve(dir));
			}
			Files.copy(Path.of(BUSYBOX_BINARY), bin.resolve("busybox"));
			Process list = new ProcessBuilder(BUSYBOX_BINARY, "--list").start();
			String applets = new String(list.getInputStream().readAllBytes());
			list.waitFor(10, TimeUnit.SECONDS);
			for (String applet : applets.split("\\s+")) {
				if (!applet.isBlank() && !"busybox".equals(applet)) {
					Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
				}
			}
			Files.writeString(root.resolve("etc/passwd"),
					"root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
			Files.writeString(root.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
			Path tar = Files.createTempFile("wm-busybox", ".tar");
			Process pack = new ProcessBuilder("tar", "-C", root.toString(), "-cf", tar.toString(), ".").inheritIO()
				.start();
			if (!pack.waitFor(60, TimeUnit.SECONDS) || pack.exitValue() != 0) {
				throw new IllegalStateException("tar of the busybox root failed");
			}
			DockerCli.docker("import", "--change", "CMD [\"/bin/sh\"]", "--change", "ENV PATH=/bin", tar.toString(),
					BUSYBOX);
			Files.delete(tar);
			return BUSYBOX;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not build " + BUSYBOX, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
