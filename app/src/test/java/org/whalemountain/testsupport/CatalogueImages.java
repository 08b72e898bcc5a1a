package org.whalemountain.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.util.FileSystemUtils;
import org.whalemountain.registry.Registry;

import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * Images in the catalogue the way users put them there: built on the test busybox, pushed
 * with the real docker CLI under the user's name, synced, and looked up in the user's
 * catalogue. Each image is unique (a label with a random value), so its digest is new;
 * the Docker host's copy is removed afterwards, so that a launch of it pulls. Closing
 * removes whatever is left of them on the Docker host.
 */
public final class CatalogueImages implements AutoCloseable {

	private final Http http;

	private final Registry registry;

	private final Path dir;

	private final Map<String, DockerUser> logins = new HashMap<>();

	private final List<String> references = new ArrayList<>();

	public CatalogueImages(Http http, Registry registry) {
		this.http = http;
		this.registry = registry;
		try {
			this.dir = Files.createTempDirectory("wm-catalogue-images");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Pushes a new image as {@code <user>/<name>-<random>} under each tag, all of one
	 * digest.
	 * @param dockerfile lines after {@code FROM}, e.g. a {@code CMD}
	 */
	public Pushed push(String username, String password, String name, String dockerfile, String... tags) {
		String repository = username + "/" + name + "-"
				+ UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
		try {
			Path context = Files.createDirectories(this.dir.resolve(repository.replace('/', '_')));
			Files.writeString(context.resolve("Dockerfile"),
					"FROM " + TestImages.busybox() + "\nLABEL wm.test.image=" + repository + "\n" + dockerfile + "\n");
			List<String> references = new ArrayList<>();
			for (String tag : tags) {
				references.add(this.registry.host() + "/" + repository + ":" + tag);
			}
			this.references.addAll(references);
			DockerCli.run(Map.of("DOCKER_BUILDKIT", "0"), null, "build", "-q", "-t", references.get(0),
					context.toString());
			DockerUser user = login(username, password);
			for (String reference : references) {
				DockerCli.docker("tag", references.get(0), reference);
				user.docker("push", reference);
			}
			DockerCli.docker(rmi(references));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.registry.requestSync("manual", username);
		String basic = Http.basic(username, password);
		Map<String, Long> ids = await().atMost(Duration.ofSeconds(60))
			.until(() -> ids(basic, repository), (found) -> found.keySet().containsAll(List.of(tags)));
		return new Pushed(this.registry.host(), repository, ids);
	}

	/** The user's docker, logged in to the registry with a token of theirs. */
	public DockerUser login(String username, String password) throws IOException {
		DockerUser user = this.logins.get(username);
		if (user == null) {
			user = DockerUser.logIn(this.http, username, password, this.registry.host(), this.dir);
			this.logins.put(username, user);
		}
		return user;
	}

	private static String[] rmi(List<String> references) {
		List<String> command = new ArrayList<>(List.of("rmi", "-f"));
		command.addAll(references);
		return command.toArray(String[]::new);
	}

	/**
	 * The catalogue id of each tag of {@code repository} that the caller ({@code basic})
	 * sees in {@code GET /api/v1/images}.
	 */
	public Map<String, Long> ids(String basic, String repository) {
		Map<String, Long> ids = new LinkedHashMap<>();
		for (JsonNode image : this.http.get("/api/v1/images", basic).json()) {
			if (image.get("repository").asString().equals(repository)) {
				ids.put(image.get("tag").asString(), image.get("id").asLong());
			}
		}
		return ids;
	}

	@Override
	public void close() {
		for (String reference : this.references) {
			DockerCli.attempt(Map.of(), null, "rmi", "-f", reference);
		}
		FileSystemUtils.deleteRecursively(this.dir.toFile());
	}

	/**
	 * A pushed image: its repository and the catalogue id of each tag.
	 */
	public record Pushed(String registryHost, String repository, Map<String, Long> ids) {

		public long id(String tag) {
			return this.ids.get(tag);
		}

		/** {@code <registry>/<repository>:<tag>}, as docker and launches name it. */
		public String reference(String tag) {
			return this.registryHost + "/" + this.repository + ":" + tag;
		}

	}

}
