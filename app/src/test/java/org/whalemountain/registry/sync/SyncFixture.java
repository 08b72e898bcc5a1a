package org.whalemountain.registry.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.FileSystemUtils;
import org.whalemountain.registry.Registry;
import org.whalemountain.registry.SyncRun;
import org.whalemountain.registry.distribution.RequestKind;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the sync tests do over and over: log users in to docker, build and push images,
 * sync and wait for the run, read the request counters. Cleans up what it tagged.
 */
final class SyncFixture implements AutoCloseable {

	private static final Pattern PUSHED_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

	/** Unique per test run, so that names never meet those of an earlier run. */
	final String suffix = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);

	final String appImage = "wm-test/sync-app:" + this.suffix;

	final String variantImage = "wm-test/sync-app:" + this.suffix + "-b";

	private final Registry registry;

	private final Http http;

	private final String registryHost;

	private final MeterRegistry meters;

	private final Map<String, Path> dockerConfigs = new java.util.HashMap<>();

	private final List<String> tagged = new ArrayList<>();

	/**
	 * Ids of the images built here: removed by id, since a tag pushed again with another
	 * image leaves the first one behind under its repository digest only.
	 */
	private final List<String> built = new ArrayList<>();

	SyncFixture(Registry registry, Http http, String registryHost, MeterRegistry meters) throws Exception {
		this.registry = registry;
		this.http = http;
		this.registryHost = registryHost;
		this.meters = meters;
		TestImages.busybox();
		build(this.appImage, "");
		build(this.variantImage, "LABEL variant=b\n");
	}

	/**
	 * An image with ENV, ENTRYPOINT and CMD, built by the legacy builder (BuildKit has no
	 * buildx here).
	 */
	private void build(String image, String extra) throws Exception {
		Path context = Files.createTempDirectory("wm-sync-image");
		Files.writeString(context.resolve("Dockerfile"),
				"FROM " + TestImages.BUSYBOX + "\n" + "ENV GREETING=\"hello sync\" MODE=test\n"
						+ "ENTRYPOINT [\"/bin/sh\", \"-c\"]\n" + "CMD [\"echo $GREETING\"]\n" + extra);
		DockerCli.run(Map.of("DOCKER_BUILDKIT", "0"), null, "build", "-q", "-t", image, context.toString());
		FileSystemUtils.deleteRecursively(context);
		this.built.add(DockerCli.docker("image", "inspect", "-f", "{{.Id}}", image).trim());
	}

	/**
	 * Logs the demo user in to the service (so they are known) and docker to the
	 * registry.
	 */
	void logIn(String username, String password) throws Exception {
		String basic = Http.basic(username, password);
		assertThat(this.http.get("/api/v1/me", basic).status()).isEqualTo(200);
		Http.Response created = this.http.post("/api/v1/tokens", "{\"name\":\"sync-" + this.suffix + "\"}", basic);
		assertThat(created.status()).isEqualTo(201);
		Path config = Files.createTempDirectory("wm-docker-config");
		this.dockerConfigs.put(username, config);
		DockerCli.run(Map.of("DOCKER_CONFIG", config.toString()), created.json().get("token").asString(), "login",
				this.registryHost, "-u", username, "--password-stdin");
	}

	/**
	 * Pushes {@code image} as {@code repositoryAndTag} with the user's docker login.
	 * @return the digest docker reports
	 */
	String push(String username, String image, String repositoryAndTag) {
		String target = this.registryHost + "/" + repositoryAndTag;
		DockerCli.docker("tag", image, target);
		this.tagged.add(target);
		String output = DockerCli.run(Map.of("DOCKER_CONFIG", this.dockerConfigs.get(username).toString()), null,
				"push", target);
		Matcher digest = PUSHED_DIGEST.matcher(output);
		assertThat(digest.find()).as("docker push printed a digest: %s", output).isTrue();
		return digest.group(1);
	}

	/** Asks for a sync and waits until it is done. */
	SyncRun syncNow() {
		String id = this.registry.requestSync("manual", "alice").id();
		return await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.registry.syncRun(id), (run) -> !run.status().inProgress());
	}

	/** How many requests of this kind the service sent to the registry so far. */
	double requests(RequestKind kind) {
		return this.meters.get(RequestKind.METER).tag("kind", kind.tag()).counter().count();
	}

	@Override
	public void close() {
		for (String image : this.tagged) {
			DockerCli.attempt(Map.of(), null, "rmi", image);
		}
		// the variant is built on top of the first image: children go first
		for (int i = this.built.size() - 1; i >= 0; i--) {
			DockerCli.attempt(Map.of(), null, "rmi", "-f", this.built.get(i));
		}
		this.dockerConfigs.values().forEach((config) -> FileSystemUtils.deleteRecursively(config.toFile()));
	}

}
