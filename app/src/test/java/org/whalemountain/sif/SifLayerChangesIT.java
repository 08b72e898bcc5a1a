package org.whalemountain.sif;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.registry.Registry;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.DockerUser;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.SifFiles;
import org.whalemountain.testsupport.TestImages;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three layers that change the same paths (files deleted, replaced by directories and
 * back, directories removed and made again, which docker records as opaque directories),
 * built by the service's streaming pipeline and compared entry by entry with what
 * {@code docker export} gives for a container of the same image: type, permissions,
 * content, link target.
 */
@ServiceTest
class SifLayerChangesIT {

	/**
	 * What only one side has by design: the container's runtime files on docker's side,
	 * Apptainer's layout ({@code SingularityFiles}) on the SIF's.
	 */
	static final Set<String> RUNTIME = Set.of(".dockerenv", "dev", "proc", "sys", "etc/hostname", "etc/hosts",
			"etc/resolv.conf", "etc/mtab", ".singularity.d", "singularity", "environment", "tmp", "var", "var/tmp",
			"root", "home", "etc");

	@LocalServerPort
	int port;

	@Autowired
	Registry registry;

	@TempDir
	Path dir;

	private final String repository = "alice/layers-" + UUID.randomUUID().toString().substring(0, 8);

	private String image;

	@AfterEach
	void removeLocalImage() {
		DockerCli.attempt(Map.of(), null, "rmi", "-f", this.image);
	}

	@Test
	void theSifHoldsWhatDockerExportHolds() throws Exception {
		this.image = this.registry.host() + "/" + this.repository + ":1";
		Path context = Files.createDirectories(this.dir.resolve("context"));
		Files.writeString(context.resolve("Dockerfile"), String.join("\n", "FROM " + TestImages.busybox(),
				"RUN mkdir -p /a/b /opq/sub /w && echo 1 > /a/b/f && echo keep > /a/keep && ln -s /a/keep /a/link"
						+ " && echo old > /opq/sub/old && echo old > /opq/old && echo w > /w/file"
						+ " && echo t > /w/target && ln /w/target /w/hard && echo f > /w/becomes-dir",
				"RUN rm -rf /a/b && echo 2 > /a/keep && chmod 600 /a/keep && rm /a/link && mkdir /a/link"
						+ " && rm -rf /opq && mkdir -p /opq/new && echo new > /opq/new/file && rm /w/file"
						+ " && rm /w/target && rm /w/becomes-dir && mkdir /w/becomes-dir && echo in > /w/becomes-dir/x",
				"RUN mkdir /a/b && echo 3 > /a/b/f3 && rm -rf /opq && mkdir /opq && echo only > /opq/only"
						+ " && rm -rf /w/becomes-dir && echo file-again > /w/becomes-dir",
				""));
		DockerCli.run(Map.of("DOCKER_BUILDKIT", "0"), null, "build", "-q", "-t", this.image, context.toString());
		Http http = new Http(this.port);
		DockerUser.logIn(http, "alice", "alice-pass", this.registry.host(), this.dir).docker("push", this.image);
		this.registry.requestSync("manual", "alice");
		long id = await().atMost(Duration.ofSeconds(30)).until(() -> imageId(http), (found) -> found > 0);

		Path sif = SifFiles.download(this.port, id, Http.basic("alice", "alice-pass"), this.dir.resolve("image.sif"),
				Duration.ofMinutes(2));
		Map<String, String> fromSif = tree(SifFiles.unpack(sif, this.dir.resolve("sif-root")));
		Map<String, String> fromDocker = tree(exported(this.dir.resolve("docker-root")));

		assertThat(fromSif).containsKeys("a/b/f3", "a/keep", "opq/only", "w/hard", "w/becomes-dir")
			.doesNotContainKeys("a/b/f", "opq/new", "opq/old", "opq/sub", "w/file", "w/target", "w/becomes-dir/x");
		assertThat(fromSif.keySet()).noneMatch((path) -> path.contains(".wh."));
		assertThat(fromSif).isEqualTo(fromDocker);
	}

	private long imageId(Http http) {
		for (JsonNode image : http.get("/api/v1/images", Http.basic("alice", "alice-pass")).json()) {
			if (image.get("repository").asString().equals(this.repository)) {
				return image.get("id").asLong();
			}
		}
		return 0;
	}

	/** {@code docker export} of a container of the image, unpacked as root. */
	private Path exported(Path root) throws Exception {
		String container = DockerCli.docker("create", this.image).strip();
		try {
			Files.createDirectories(root);
			Process process = new ProcessBuilder("sh", "-c", "docker export " + container + " | tar -x -p -C " + root)
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes());
			assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
			assertThat(process.exitValue()).as(output).isZero();
			return root;
		}
		finally {
			DockerCli.docker("rm", "-f", container);
		}
	}

	/** Every entry but the runtime's, as "type permissions content-or-target". */
	private static Map<String, String> tree(Path root) throws IOException {
		Map<String, String> entries = new TreeMap<>();
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.toList()) {
				String name = root.relativize(path).toString();
				if (name.isEmpty() || RUNTIME.contains(name) || underRuntimeDirectory(name)) {
					continue;
				}
				entries.put(name, describe(path));
			}
		}
		return entries;
	}

	private static boolean underRuntimeDirectory(String name) {
		return Stream.of("dev/", "proc/", "sys/", ".singularity.d/").anyMatch(name::startsWith);
	}

	private static String describe(Path path) throws IOException {
		if (Files.isSymbolicLink(path)) {
			return "link " + Files.readSymbolicLink(path);
		}
		String permissions = PosixFilePermissions
			.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
		if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
			return "dir " + permissions;
		}
		try {
			return "file " + permissions + " "
					+ HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
