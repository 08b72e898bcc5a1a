package org.whalemountain.registry.sync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import org.whalemountain.registry.token.Access;
import org.whalemountain.registry.token.TokenMinter;

/**
 * Writes into the registry over its HTTP API with tokens the service mints for itself:
 * how tests put images where docker could not (under a name no user owns) and how the
 * benchmark fills a registry fast (upload once, then mount and put manifests).
 */
final class RegistryApi {

	static final String MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String base;

	private final TokenMinter minter;

	RegistryApi(String base, TokenMinter minter) {
		this.base = base;
		this.minter = minter;
	}

	/** A token that may push {@code repository} and pull it and {@code alsoPull}. */
	String pushToken(String repository, String... alsoPull) {
		List<Access> access = new java.util.ArrayList<>(List.of(Access.repository(repository, "pull", "push")));
		for (String other : alsoPull) {
			access.add(Access.repository(other, "pull"));
		}
		return this.minter.forService(access);
	}

	/** Uploads a blob in one monolithic PUT and returns its digest. */
	String upload(String repository, byte[] content, String token) {
		HttpResponse<String> started = send("POST", this.base + "/v2/" + repository + "/blobs/uploads/", token,
				HttpRequest.BodyPublishers.noBody(), null);
		expect(started, 202);
		String digest = sha256(content);
		String location = started.headers().firstValue("Location").orElseThrow();
		String target = URI.create(this.base).resolve(location) + (location.contains("?") ? "&" : "?") + "digest="
				+ URLEncoder.encode(digest, StandardCharsets.UTF_8);
		expect(send("PUT", target, token, HttpRequest.BodyPublishers.ofByteArray(content), "application/octet-stream"),
				201);
		return digest;
	}

	/** Mounts a blob of another repository without uploading it again. */
	void mount(String repository, String digest, String from, String token) {
		expect(send("POST", this.base + "/v2/" + repository + "/blobs/uploads/?mount=" + digest + "&from=" + from,
				token, HttpRequest.BodyPublishers.noBody(), null), 201);
	}

	/** Puts a schema 2 manifest under the tag and returns its digest. */
	String putManifest(String repository, String tag, byte[] manifest, String token) {
		HttpResponse<String> put = send("PUT", this.base + "/v2/" + repository + "/manifests/" + tag, token,
				HttpRequest.BodyPublishers.ofByteArray(manifest), MANIFEST_TYPE);
		expect(put, 201);
		return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
	}

	/** A manifest naming this config and layer. */
	static byte[] manifest(String configDigest, int configSize, String layerDigest, int layerSize) {
		return ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\",\"config\":{\"mediaType\":"
				+ "\"application/vnd.docker.container.image.v1+json\",\"size\":" + configSize + ",\"digest\":\""
				+ configDigest + "\"},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
				+ "\"size\":" + layerSize + ",\"digest\":\"" + layerDigest + "\"}]}")
			.getBytes(StandardCharsets.UTF_8);
	}

	/** A gzipped tar with one small file: the smallest layer that is a real one. */
	static byte[] tinyLayer(String text) throws IOException {
		ByteArrayOutputStream tar = new ByteArrayOutputStream();
		try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
			byte[] content = text.getBytes(StandardCharsets.UTF_8);
			TarArchiveEntry entry = new TarArchiveEntry("hello.txt");
			entry.setSize(content.length);
			out.putArchiveEntry(entry);
			out.write(content);
			out.closeArchiveEntry();
		}
		ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
			out.write(tar.toByteArray());
		}
		return gzipped.toByteArray();
	}

	/** An image config with the given ENV and CMD over one layer. */
	static byte[] config(String env, String cmd, String layerDiffId) {
		return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2026-11-21T00:00:00Z\",\"config\":{\"Env\":[\""
				+ env + "\"],\"Cmd\":[\"" + cmd + "\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDiffId
				+ "\"]}}")
			.getBytes(StandardCharsets.UTF_8);
	}

	static String sha256(byte[] content) {
		try {
			return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> send(String method, String uri, String token, HttpRequest.BodyPublisher body,
			String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.method(method, body);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + uri + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void expect(HttpResponse<String> response, int status) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
					+ response.statusCode() + ": " + response.body());
		}
	}

}
