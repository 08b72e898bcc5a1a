package org.whalemountain.registry.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.whalemountain.registry.BuildCaches;
import org.whalemountain.registry.token.RepositoryAccess;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Distribution's notification envelope
 * ({@code application/vnd.docker.distribution.events.v1+json}) and decides which
 * repositories to sync: those with a manifest pushed (a tag moved) or anything deleted.
 * Blob pushes, pulls and mounts change no tag and are ignored. Pure.
 */
final class NotificationEnvelope {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private NotificationEnvelope() {
	}

	/** The parts of one event that matter here; absent values are {@code null}. */
	record Event(String action, String repository, String tag, String digest, String mediaType) {

		/** A push of a manifest (which is what moves a tag) or any delete. */
		boolean changesTags() {
			if ("delete".equals(this.action)) {
				return true;
			}
			return "push".equals(this.action) && (this.tag != null
					|| (this.mediaType != null && this.mediaType.contains("manifest")) || isIndex(this.mediaType));
		}

		private static boolean isIndex(String mediaType) {
			return mediaType != null && mediaType.startsWith("application/vnd.oci.image.index");
		}

	}

	/**
	 * @throws IllegalArgumentException if the body is not an envelope
	 */
	static List<Event> parse(byte[] body) {
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not JSON");
		}
		if (root == null || !root.path("events").isArray()) {
			throw new IllegalArgumentException("no \"events\" array");
		}
		List<Event> events = new ArrayList<>();
		for (JsonNode event : root.path("events").values()) {
			JsonNode target = event.path("target");
			events.add(new Event(text(event.path("action")), text(target.path("repository")), text(target.path("tag")),
					text(target.path("digest")), text(target.path("mediaType"))));
		}
		return events;
	}

	/**
	 * The well-formed repositories whose tags these events may have changed; a pushed
	 * build cache ({@link BuildCaches}) changes no image and asks for no sync.
	 */
	static Set<String> repositoriesToSync(List<Event> events) {
		Set<String> repositories = new TreeSet<>();
		for (Event event : events) {
			if (event.changesTags() && event.repository() != null
					&& RepositoryAccess.isRepositoryName(event.repository())
					&& !BuildCaches.isCache(event.repository(), event.tag())) {
				repositories.add(event.repository());
			}
		}
		return repositories;
	}

	private static String text(JsonNode node) {
		return (node.isString() && !node.stringValue().isEmpty()) ? node.stringValue() : null;
	}

}
