package org.whalemountain.registry.distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.whalemountain.registry.RegistryClient;
import org.whalemountain.registry.UnsupportedImageException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a manifest the registry returned: a Docker schema 2 or OCI image manifest, or a
 * manifest list / OCI index. Pure: bytes and media type in, a value out.
 */
final class ManifestJson {

	static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

	static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

	static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

	static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

	/**
	 * Every type the service reads, schema 2 first: with only the OCI type or none,
	 * Distribution converts a schema 2 manifest to schema 1, which has another digest.
	 */
	static final String ACCEPT = String.join(", ", DOCKER_MANIFEST, OCI_MANIFEST, OCI_INDEX, DOCKER_LIST);

	private static final List<String> IMAGE_CONFIG_TYPES = List.of("application/vnd.docker.container.image.v1+json",
			"application/vnd.oci.image.config.v1+json");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ManifestJson() {
	}

	/** An image manifest: its config blob and the sizes of its layers. */
	record Image(String configDigest, long configSize, List<RegistryClient.Blob> layers) implements Parsed {

		Image {
			layers = List.copyOf(layers);
		}

		/** Config plus layers, as the manifest states them. */
		long sizeBytes() {
			return this.configSize + this.layers.stream().mapToLong(RegistryClient.Blob::size).sum();
		}

	}

	/** An index: one entry per platform (and attestations, which have none). */
	record Index(List<Entry> manifests) implements Parsed {

		Index {
			manifests = List.copyOf(manifests);
		}

		/**
		 * The linux/amd64 image, skipping attestation manifests (BuildKit marks them and
		 * gives them the platform unknown/unknown).
		 */
		Optional<Entry> linuxAmd64() {
			return this.manifests.stream()
				.filter((entry) -> "linux".equals(entry.os()) && "amd64".equals(entry.architecture()))
				.filter((entry) -> !entry.attestation())
				.findFirst();
		}

	}

	record Entry(String digest, String mediaType, String os, String architecture, boolean attestation) {
	}

	/** What a manifest turned out to be. */
	sealed interface Parsed permits Image, Index {

	}

	/**
	 * @param contentType the response's {@code Content-Type}; its parameters are ignored,
	 * and the body's {@code mediaType} decides when it is missing or plain JSON
	 * @throws UnsupportedImageException for schema 1, other media types, or a body that
	 * is not a manifest
	 */
	static Parsed parse(String contentType, byte[] body) {
		JsonNode root = read(body, "manifest");
		String type = mediaType(contentType, root);
		if (type.startsWith("application/vnd.docker.distribution.manifest.v1")) {
			throw new UnsupportedImageException("a schema 1 manifest (push it again with a current docker)");
		}
		if (DOCKER_LIST.equals(type) || OCI_INDEX.equals(type)) {
			return index(root);
		}
		if (DOCKER_MANIFEST.equals(type) || OCI_MANIFEST.equals(type)) {
			return image(root);
		}
		throw new UnsupportedImageException("a manifest of type '" + type + "', not an image");
	}

	private static String mediaType(String contentType, JsonNode root) {
		String header = (contentType != null) ? contentType.split(";", 2)[0].trim().toLowerCase() : "";
		if (!header.isEmpty() && !"application/json".equals(header)) {
			return header;
		}
		String declared = text(root.path("mediaType"));
		if (declared != null) {
			return declared;
		}
		// an OCI manifest or index may leave mediaType out; its shape tells them apart
		if (root.path("manifests").isArray()) {
			return OCI_INDEX;
		}
		return (root.path("schemaVersion").asInt(0) == 1) ? "application/vnd.docker.distribution.manifest.v1+json"
				: OCI_MANIFEST;
	}

	private static Image image(JsonNode root) {
		JsonNode config = root.path("config");
		String configDigest = text(config.path("digest"));
		String configType = text(config.path("mediaType"));
		if (configDigest == null || !config.path("size").canConvertToLong()) {
			throw new UnsupportedImageException("a manifest without a config blob");
		}
		if (configType != null && !IMAGE_CONFIG_TYPES.contains(configType)) {
			throw new UnsupportedImageException("an artifact with config type '" + configType + "', not an image");
		}
		List<RegistryClient.Blob> layers = new ArrayList<>();
		for (JsonNode layer : root.path("layers").values()) {
			layers.add(new RegistryClient.Blob(text(layer.path("digest")), Math.max(0, layer.path("size").asLong(0)),
					text(layer.path("mediaType"))));
		}
		return new Image(configDigest, Math.max(0, config.path("size").asLong()), layers);
	}

	private static Index index(JsonNode root) {
		List<Entry> entries = new ArrayList<>();
		for (JsonNode manifest : root.path("manifests").values()) {
			String digest = text(manifest.path("digest"));
			if (digest == null) {
				continue;
			}
			JsonNode platform = manifest.path("platform");
			boolean attestation = "attestation-manifest"
				.equals(text(manifest.path("annotations").path("vnd.docker.reference.type")));
			entries.add(new Entry(digest, text(manifest.path("mediaType")), text(platform.path("os")),
					text(platform.path("architecture")), attestation));
		}
		return new Index(entries);
	}

	static JsonNode read(byte[] body, String what) {
		try {
			JsonNode root = JSON.readTree(body);
			if (root == null || !root.isObject()) {
				throw new UnsupportedImageException("a " + what + " that is not a JSON object");
			}
			return root;
		}
		catch (JacksonException ex) {
			throw new UnsupportedImageException("a " + what + " that is not valid JSON");
		}
	}

	static String text(JsonNode node) {
		return node.isString() ? node.stringValue() : null;
	}

}
