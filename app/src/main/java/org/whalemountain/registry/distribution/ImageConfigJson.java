package org.whalemountain.registry.distribution;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.whalemountain.registry.ImageConfig;
import org.whalemountain.registry.RegistryClient.ImageDetails;

import tools.jackson.databind.JsonNode;

/**
 * Reads an image config blob (Docker's or OCI's, which agree on these fields): how the
 * image runs and when it was built. Pure; absent or {@code null} values become empty.
 */
final class ImageConfigJson {

	private ImageConfigJson() {
	}

	static ImageDetails parse(byte[] body) {
		JsonNode root = ManifestJson.read(body, "image config");
		JsonNode config = root.path("config");
		ImageConfig image = new ImageConfig(strings(config.path("Env")), strings(config.path("Entrypoint")),
				strings(config.path("Cmd")), orEmpty(config.path("WorkingDir")), orEmpty(config.path("User")),
				labels(config.path("Labels")), orEmpty(root.path("architecture")), orEmpty(root.path("os")));
		return new ImageDetails(image, created(ManifestJson.text(root.path("created"))), body.clone());
	}

	/**
	 * RFC 3339 with any fraction and offset, as Go writes it; {@code null} when absent or
	 * unreadable, so that a strange timestamp does not cost the image its place in the
	 * catalogue.
	 */
	static Instant created(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		for (JsonNode value : array.values()) {
			if (value.isString()) {
				values.add(value.stringValue());
			}
		}
		return values;
	}

	private static Map<String, String> labels(JsonNode object) {
		Map<String, String> labels = new LinkedHashMap<>();
		if (object.isObject()) {
			for (Map.Entry<String, JsonNode> label : object.properties()) {
				if (label.getValue().isString()) {
					labels.put(label.getKey(), label.getValue().stringValue());
				}
			}
		}
		return labels;
	}

	private static String orEmpty(JsonNode node) {
		String text = ManifestJson.text(node);
		return (text != null) ? text : "";
	}

}
