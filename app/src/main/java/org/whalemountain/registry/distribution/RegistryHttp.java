package org.whalemountain.registry.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.whalemountain.registry.RegistryUnavailableException;
import org.whalemountain.registry.UnsupportedImageException;
import org.whalemountain.registry.token.Access;

/**
 * One request to the registry: the service's token for exactly the scope it needs, the
 * timeout, the count by kind, and every way of failing turned into
 * {@link RegistryUnavailableException} with what to do about it. Answers other than 5xx,
 * 401 and 403 are returned for the caller to judge.
 */
final class RegistryHttp {

	/** Manifests are capped at 4 MiB by Distribution; configs are far smaller. */
	private static final int MAX_BODY = 16 * 1024 * 1024;

	private final HttpClient client;

	private final URI base;

	private final Duration timeout;

	private final ServiceTokens tokens;

	private final Map<RequestKind, Counter> counters = new EnumMap<>(RequestKind.class);

	RegistryHttp(URI base, Duration timeout, ServiceTokens tokens, MeterRegistry meters) {
		// plain HTTP/1.1: Java would otherwise offer an h2c upgrade that Distribution
		// ignores
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		this.base = URI.create(base.toString().replaceAll("/+$", ""));
		this.timeout = timeout;
		this.tokens = tokens;
		for (RequestKind kind : RequestKind.values()) {
			this.counters.put(kind,
					Counter.builder(RequestKind.METER)
						.description("Requests the service sent to the registry")
						.tag("kind", kind.tag())
						.register(meters));
		}
	}

	URI base() {
		return this.base;
	}

	/** {@code path} (with its query) resolved against the registry's URL. */
	URI uri(String path) {
		return this.base.resolve(path);
	}

	/**
	 * Sends the request and reads the answer (for {@code HEAD}, none).
	 * @param scope what the token must grant, or {@code null} to send none
	 * @param accept the {@code Accept} header, or {@code null}
	 */
	Answer send(RequestKind kind, String method, URI uri, Access scope, String accept) {
		return judge(exchange(kind, method, uri, scope, accept), method, uri);
	}

	/** Like {@link #send} but returns 5xx, 401 and 403 answers too. */
	Answer exchange(RequestKind kind, String method, URI uri, Access scope, String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (scope != null) {
			request.header("Authorization", "Bearer " + this.tokens.bearer(scope));
		}
		if (accept != null) {
			request.header("Accept", accept);
		}
		this.counters.get(kind).increment();
		HttpResponse<InputStream> response;
		byte[] body;
		try {
			response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream in = response.body()) {
				body = in.readNBytes(MAX_BODY + 1);
			}
		}
		catch (HttpTimeoutException ex) {
			throw unavailable(method + " " + uri.getPath() + " took longer than " + this.timeout
					+ " (wm.registry.request-timeout)");
		}
		catch (IOException ex) {
			throw unavailable("it cannot be reached (" + ex + "): start it, or point wm.registry.url at it");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable("the request was interrupted (the service is stopping)");
		}
		if (body.length > MAX_BODY) {
			throw new UnsupportedImageException(uri.getPath() + " is larger than " + MAX_BODY + " bytes");
		}
		return new Answer(response.statusCode(), response.headers(), body);
	}

	/**
	 * Opens a GET's body as a stream (a blob can be far larger than memory); the timeout
	 * applies to the answer's start, not to the whole transfer.
	 * @return the status and, when it is 200, the open body (else {@code null})
	 */
	Streamed stream(RequestKind kind, URI uri, Access scope) {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + this.tokens.bearer(scope))
			.GET()
			.build();
		this.counters.get(kind).increment();
		try {
			HttpResponse<InputStream> response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				response.body().close();
			}
			judge(new Answer(response.statusCode(), response.headers(), new byte[0]), "GET", uri);
			return new Streamed(response.statusCode(), (response.statusCode() == 200) ? response.body() : null);
		}
		catch (HttpTimeoutException ex) {
			throw unavailable("GET " + uri.getPath() + " took longer than " + this.timeout + " to start");
		}
		catch (IOException ex) {
			throw unavailable("the download of " + uri.getPath() + " broke off (" + ex + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable("the download was interrupted (the service is stopping)");
		}
	}

	private Answer judge(Answer answer, String method, URI uri) {
		if (answer.status() >= 500) {
			throw unavailable("it answered " + answer.status() + " to " + method + " " + uri.getPath());
		}
		if (answer.status() == 401 || answer.status() == 403) {
			throw new RegistryUnavailableException(
					"The registry at " + this.base + " refused the service's own token (" + answer.status() + " to "
							+ method + " " + uri.getPath()
							+ "): its auth.token service, issuer and rootcertbundle must match wm.registry.token.*",
					null);
		}
		return answer;
	}

	private RegistryUnavailableException unavailable(String why) {
		return new RegistryUnavailableException("The registry at " + this.base + " did not answer: " + why + ".",
				RegistryUnavailableException.RETRY_AFTER);
	}

	/** Status, headers and body of one answer. */
	record Answer(int status, HttpHeaders headers, byte[] body) {

		Optional<String> header(String name) {
			return this.headers.firstValue(name);
		}

	}

	/** A streamed answer: its status, and its body when that is 200. */
	record Streamed(int status, InputStream body) {
	}

}
