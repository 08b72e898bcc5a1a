package org.whalemountain.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for API tests: real requests to the service on 127.0.0.1. */
public final class Http {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final Duration timeout;

	public Http(int port) {
		this(port, Duration.ofSeconds(30));
	}

	/**
	 * @param timeout how long one request may take, for load tests whose requests queue
	 * behind each other
	 */
	public Http(int port, Duration timeout) {
		this.base = "http://127.0.0.1:" + port;
		this.timeout = timeout;
	}

	public static String basic(String username, String password) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	public static String bearer(String token) {
		return "Bearer " + token;
	}

	public Response get(String path, String authorization) {
		return send(request(path, authorization).GET());
	}

	/** A GET that accepts any content type, for endpoints that do not speak JSON. */
	public Response getAnything(String path) {
		return getAnything(path, null);
	}

	public Response getAnything(String path, String authorization) {
		return send(request(path, authorization).setHeader("Accept", "*/*").GET());
	}

	public Response put(String path, String json, String authorization) {
		return send(request(path, authorization).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response patch(String path, String json, String authorization) {
		return send(request(path, authorization).header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response delete(String path, String authorization) {
		return send(request(path, authorization).DELETE());
	}

	public Response post(String path, String json, String authorization) {
		return send(request(path, authorization).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/**
	 * A POST with more headers, as name-value pairs:
	 * {@code "Origin", "http://evil.test"}.
	 */
	public Response post(String path, String json, String authorization, String... headers) {
		return send(with(request(path, authorization).header("Content-Type", "application/json"), headers)
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** A GET with more headers, as name-value pairs. */
	public Response get(String path, String authorization, String... headers) {
		return send(with(request(path, authorization), headers).GET());
	}

	private static HttpRequest.Builder with(HttpRequest.Builder builder, String... headers) {
		for (int i = 0; i + 1 < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder;
	}

	public Response send(String method, String path, String authorization) {
		return send(request(path, authorization).method(method, HttpRequest.BodyPublishers.noBody()));
	}

	private HttpRequest.Builder request(String path, String authorization) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(this.timeout)
			.header("Accept", "application/json");
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		return builder;
	}

	private Response send(HttpRequest.Builder builder) {
		try {
			HttpResponse<String> response = this.client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Status, content type, body and headers of one answer. */
	public record Response(int status, String contentType, String body, HttpHeaders headers) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		/** The header's first value, or {@code null}. */
		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

	}

}
