package org.whalemountain.sif;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.registry.Registry;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.DockerUser;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.RegistryEvents;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.Http.basic;

/**
 * From {@code docker push} to a SIF on a user's disk: a multi-layer image with whiteouts
 * pushed to the real registry, synced, built by the real mksquashfs, downloaded whole, in
 * ranges and conditionally, and refused to users who may not see it.
 */
@ServiceTest
class SifDownloadIT {

	private static final String ALICE = basic("alice", "alice-pass");

	private static final String BOB = basic("bob", "bob-pass");

	@LocalServerPort
	int port;

	@Autowired
	Registry registry;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.springframework.context.ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transaction;

	@TempDir
	Path dir;

	Http http;

	String repository;

	String image;

	DockerUser alice;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.repository = "alice/sif-" + UUID.randomUUID().toString().substring(0, 8);
		this.image = this.registry.host() + "/" + this.repository;
	}

	@AfterEach
	void removeLocalTags() {
		DockerCli.attempt(Map.of(), null, "rmi", "-f", this.image + ":1", this.image + ":again");
	}

	@Test
	void aPushedImageBecomesADownloadableSif() throws Exception {
		pushLayeredImage();
		this.registry.requestSync("manual", "alice");
		long id = awaitImage("1");

		HttpResponse<Path> sif = awaitSif(id, this.dir.resolve("image.sif"));

		assertThat(sif.headers().firstValue("Content-Disposition").orElseThrow())
			.contains(this.repository.replace('/', '_') + "_1.sif");
		String etag = sif.headers().firstValue("ETag").orElseThrow();
		assertThat(Files.size(sif.body())).isEqualTo(sif.headers().firstValueAsLong("Content-Length").orElseThrow());
		assertThat(run("siftool", "list", sif.body().toString())).contains("FS (Squashfs/*System/amd64)");
		String tree = run("unsquashfs", "-o", String.valueOf(squashfsOffset(sif.body())), "-lln",
				sif.body().toString());
		assertThat(tree).contains("squashfs-root/data/keep", "squashfs-root/.singularity.d/runscript")
			.doesNotContain("squashfs-root/data/gone")
			.doesNotContain("squashfs-root/data/dir/child")
			.doesNotContain(".wh.");
		assertThat(line(tree, "squashfs-root/data/dir")).startsWith("-");
		assertThat(line(tree, "squashfs-root/data/hard")).startsWith("-");
		assertThat(tree).contains("squashfs-root/data/opq/new").doesNotContain("squashfs-root/data/opq/old");
		assertRunsAsTheImageSays(sif.body());

		HttpResponse<byte[]> range = get(id, ALICE, Map.of("Range", "bytes=0-99"));
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.body()).hasSize(100).isEqualTo(java.util.Arrays.copyOf(Files.readAllBytes(sif.body()), 100));
		assertThat(get(id, ALICE, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);

		HttpResponse<byte[]> bob = get(id, BOB, Map.of());
		assertThat(bob.statusCode()).isEqualTo(404);
		assertThat(new String(bob.body())).contains("/problems/image-not-found");
	}

	@Test
	void twoTagsOfOneImageShareOneBuild() throws Exception {
		pushLayeredImage();
		DockerCli.docker("tag", this.image + ":1", this.image + ":again");
		dockerAsAlice("push", this.image + ":again");
		this.registry.requestSync("manual", "alice");
		long first = awaitImage("1");
		long second = awaitImage("again");
		awaitSif(first, this.dir.resolve("a.sif"));
		awaitSif(second, this.dir.resolve("b.sif"));

		String digest = this.http.get("/api/v1/images/" + first, ALICE).json().get("digest").asString();
		assertThat(this.jdbc.sql("SELECT attempts FROM sif_builds WHERE digest = ?")
			.param(digest)
			.query(Integer.class)
			.list()).containsExactly(1);
	}

	@Test
	void whileAnotherInstanceBuildsTheAnswerIs202AndAFailedBuildIs409() {
		RegistryEvents catalogue = new RegistryEvents(this.events, this.transaction, this.jdbc);
		String building = "sha256:" + "b".repeat(63) + "1";
		String failed = "sha256:" + "f".repeat(63) + "1";
		long buildingId = catalogue.push(this.repository, "building", building);
		long failedId = catalogue.push(this.repository, "failed", failed);
		Instant later = Instant.now().plusSeconds(600);
		// rows as another instance leaves them: one still building under its lease, one
		// failed for good
		this.jdbc.sql("DELETE FROM sif_builds WHERE digest IN (?, ?)").params(building, failed).update();
		this.jdbc.sql("""
				INSERT INTO sif_builds (digest, repository, status, progress, attempts, lease_until, queued_at)
				VALUES (?, ?, 'BUILDING', 30, 1, ?, ?), (?, ?, 'FAILED', 0, 3, NULL, ?)""")
			.params(building, this.repository, Timestamp.from(later), Timestamp.from(Instant.now()), failed,
					this.repository, Timestamp.from(Instant.now()))
			.update();
		this.jdbc.sql("UPDATE sif_builds SET message = 'mksquashfs failed: disk full' WHERE digest = ?")
			.param(failed)
			.update();

		try {
			Http.Response accepted = this.http.get("/api/v1/images/" + buildingId + "/sif", ALICE);
			assertThat(accepted.status()).isEqualTo(202);
			assertThat(accepted.json().get("status").asString()).isEqualTo("BUILDING");
			assertThat(accepted.json().get("progress").asInt()).isEqualTo(30);

			Http.Response conflict = this.http.get("/api/v1/images/" + failedId + "/sif", ALICE);
			assertThat(conflict.status()).isEqualTo(409);
			assertThat(conflict.json().get("type").asString()).isEqualTo("/problems/sif-build-failed");
			assertThat(conflict.json().get("detail").asString()).contains("disk full");
		}
		finally {
			// a build left BUILDING under its lease holds up every later test that waits
			// for the builder to be idle (the registry sync's cost test) for ten minutes
			this.jdbc.sql("DELETE FROM sif_builds WHERE digest IN (?, ?)").params(building, failed).update();
		}
	}

	private void pushLayeredImage() throws Exception {
		Path context = Files.createDirectories(this.dir.resolve("context"));
		Files.writeString(context.resolve("Dockerfile"), String.join("\n", "FROM " + TestImages.busybox(),
				"RUN mkdir -p /data/dir /data/opq && echo keep > /data/keep && echo gone > /data/gone"
						+ " && echo x > /data/dir/child && echo old > /data/opq/old"
						+ " && echo target > /data/target && ln /data/target /data/hard",
				"RUN rm /data/gone && rm -rf /data/dir && echo file > /data/dir && rm /data/target"
						+ " && rm -rf /data/opq && mkdir /data/opq && echo new > /data/opq/new",
				"ENV GREETING=\"hello world\" QUOTED=\"say \\\"hi\\\" 'there'\" TICKS=\"`uname` and \\$HOME and \\\\n\"",
				"ENTRYPOINT [\"/bin/sh\", \"-c\", \"for a in \\\"$@\\\"; do printf '[%s]\\\\n' \\\"$a\\\"; done\", \"entry\"]",
				"CMD [\"a b\", \"it's\", \"$HOME `x`\", \"q\\\"uote\"]", ""));
		DockerCli.run(Map.of("DOCKER_BUILDKIT", "0"), null, "build", "-q", "-t", this.image + ":1", context.toString());
		dockerAsAlice("push", this.image + ":1");
	}

	/**
	 * As root: the SIF's tree in a chroot with the image's own busybox, env and runscript
	 * checked against the image.
	 */
	private void assertRunsAsTheImageSays(Path sif) throws Exception {
		Path root = this.dir.resolve("root");
		run("unsquashfs", "-o", String.valueOf(squashfsOffset(sif)), "-d", root.toString(), sif.toString());
		assertThat(Files.readString(root.resolve("data/hard"))).isEqualTo("target\n");
		JsonNode env = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(DockerCli.docker("image", "inspect", "--format", "{{json .Config.Env}}", this.image + ":1"));
		for (String variable : List.of("GREETING", "QUOTED", "TICKS")) {
			String expected = env.valueStream()
				.map(JsonNode::asString)
				.filter((entry) -> entry.startsWith(variable + "="))
				.findFirst()
				.orElseThrow()
				.substring(variable.length() + 1);
			String actual = run("chroot", root.toString(), "/bin/sh", "-c",
					". /.singularity.d/env/10-docker2singularity.sh; printf '%s' \"$" + variable + "\"");
			assertThat(actual).as(variable).isEqualTo(expected);
		}
		assertThat(run("chroot", root.toString(), "/.singularity.d/runscript"))
			.isEqualTo("[a b]\n[it's]\n[$HOME `x`]\n[q\"uote]\n");
		assertThat(run("chroot", root.toString(), "/.singularity.d/runscript", "x y", "'$z'"))
			.isEqualTo("[x y]\n['$z']\n");
	}

	private void dockerAsAlice(String... args) throws IOException {
		if (this.alice == null) {
			this.alice = DockerUser.logIn(this.http, "alice", "alice-pass", this.registry.host(), this.dir);
		}
		this.alice.docker(args);
	}

	private long awaitImage(String tag) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			for (JsonNode image : this.http.get("/api/v1/images", ALICE).json()) {
				if (image.get("repository").asString().equals(this.repository)
						&& image.get("tag").asString().equals(tag)) {
					return image.get("id").asLong();
				}
			}
			return null;
		}, (id) -> id != null);
	}

	private HttpResponse<Path> awaitSif(long id, Path target) {
		return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
			HttpResponse<Path> response = HttpClient.newHttpClient()
				.send(request(id, ALICE, Map.of()), HttpResponse.BodyHandlers.ofFile(target));
			return response;
		}, (response) -> response.statusCode() == 200);
	}

	private HttpResponse<byte[]> get(long id, String authorization, Map<String, String> headers) throws Exception {
		return HttpClient.newHttpClient()
			.send(request(id, authorization, headers), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpRequest request(long id, String authorization, Map<String, String> headers) {
		HttpRequest.Builder builder = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/images/" + id + "/sif"))
			.header("Authorization", authorization);
		headers.forEach(builder::header);
		return builder.build();
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

	private static String line(String listing, String path) {
		return listing.lines().filter((line) -> line.endsWith(path)).findFirst().orElse("");
	}

	private static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
