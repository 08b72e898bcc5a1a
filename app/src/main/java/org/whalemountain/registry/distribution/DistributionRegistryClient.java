package org.whalemountain.registry.distribution;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;

import org.whalemountain.registry.RegistryClient;
import org.whalemountain.registry.RegistryUnavailableException;
import org.whalemountain.registry.UnsupportedImageException;
import org.whalemountain.registry.token.Access;

import tools.jackson.databind.JsonNode;

/**
 * {@link RegistryClient} for CNCF Distribution (Docker Registry HTTP API v2) with token
 * authentication: the service signs its own tokens ({@code registry:catalog:*}, and
 * {@code pull} or {@code delete} on each repository it reads or deletes in) instead of
 * asking its own token endpoint over HTTP.
 */
public class DistributionRegistryClient implements RegistryClient {

	/** Distribution's default {@code catalog.maxentries}: asking for more is refused. */
	static final int PAGE_SIZE = 1000;

	/** Guards against a registry whose {@code next} links go round in circles. */
	private static final int MAX_PAGES = 100_000;

	private static final Access CATALOG = new Access("registry", "catalog", List.of("*"));

	private final RegistryHttp http;

	public DistributionRegistryClient(URI url, Duration requestTimeout, ServiceTokens tokens, MeterRegistry meters) {
		this.http = new RegistryHttp(url, requestTimeout, tokens, meters);
	}

	@Override
	public List<String> repositories() {
		return pages(RequestKind.CATALOG, "/v2/_catalog?n=" + PAGE_SIZE, CATALOG, "repositories");
	}

	@Override
	public List<String> tags(String repository) {
		return pages(RequestKind.TAGS, "/v2/" + repository + "/tags/list?n=" + PAGE_SIZE, pull(repository), "tags");
	}

	@Override
	public Optional<String> digest(String repository, String tag) {
		RegistryHttp.Answer answer = this.http.send(RequestKind.MANIFEST_HEAD, "HEAD", manifestUri(repository, tag),
				pull(repository), ManifestJson.ACCEPT);
		if (answer.status() == 404) {
			return Optional.empty();
		}
		expect(answer, 200, "HEAD", repository + ":" + tag);
		String digest = answer.header("Docker-Content-Digest")
			.orElseThrow(() -> new RegistryUnavailableException("The registry at " + this.http.base()
					+ " sends no Docker-Content-Digest: it is not a Distribution registry.", null));
		return Optional.of(digest);
	}

	@Override
	public Optional<ImageManifest> manifest(String repository, String reference) {
		Optional<Fetched> fetched = fetchManifest(repository, reference);
		if (fetched.isEmpty()) {
			return Optional.empty();
		}
		Fetched top = fetched.get();
		if (top.parsed() instanceof ManifestJson.Index index) {
			ManifestJson.Entry entry = index.linuxAmd64()
				.orElseThrow(() -> new UnsupportedImageException("an index without a linux/amd64 image"));
			Fetched image = fetchManifest(repository, entry.digest())
				.orElseThrow(() -> new UnsupportedImageException("an index whose linux/amd64 image is missing"));
			if (!(image.parsed() instanceof ManifestJson.Image)) {
				throw new UnsupportedImageException("an index whose linux/amd64 entry is another index");
			}
			top = image;
		}
		ManifestJson.Image image = (ManifestJson.Image) top.parsed();
		return Optional.of(new ImageManifest(top.digest(), image.configDigest(), image.configSize(), image.sizeBytes(),
				image.layers()));
	}

	@Override
	public ImageDetails config(String repository, ImageManifest manifest) {
		RegistryHttp.Answer answer = this.http.send(RequestKind.BLOB_GET, "GET",
				this.http.uri("/v2/" + repository + "/blobs/" + manifest.configDigest()), pull(repository), null);
		if (answer.status() == 404) {
			throw new UnsupportedImageException("an image whose config blob is missing");
		}
		expect(answer, 200, "GET config of", repository);
		if (!manifest.configDigest().equals(ContentDigests.of(answer.body(), manifest.configDigest()))) {
			throw new UnsupportedImageException("an image whose config blob does not match its digest");
		}
		return ImageConfigJson.parse(answer.body());
	}

	@Override
	public InputStream openBlob(String repository, String digest) {
		RegistryHttp.Streamed answer = this.http.stream(RequestKind.BLOB_GET,
				this.http.uri("/v2/" + repository + "/blobs/" + digest), pull(repository));
		if (answer.status() == 404) {
			throw new UnsupportedImageException("an image whose layer " + digest + " is missing from the registry");
		}
		if (answer.status() != 200) {
			throw new RegistryUnavailableException("The registry at " + this.http.base() + " answered "
					+ answer.status() + " to GET blob " + digest + ".", RegistryUnavailableException.RETRY_AFTER);
		}
		return new VerifiedBlobStream(answer.body(), digest);
	}

	@Override
	public boolean deleteManifest(String repository, String digest) {
		RegistryHttp.Answer answer = this.http.send(RequestKind.MANIFEST_DELETE, "DELETE",
				manifestUri(repository, digest), Access.repository(repository, "delete"), null);
		if (answer.status() == 404) {
			return false;
		}
		if (answer.status() == 405) {
			throw new RegistryUnavailableException("The registry at " + this.http.base()
					+ " does not allow deletes: set storage.delete.enabled: true in its configuration.", null);
		}
		expect(answer, 202, "DELETE", repository + "@" + digest);
		return true;
	}

	/**
	 * {@code GET /v2/} without a token: Distribution answers 200 (no authentication) or
	 * 401 (a challenge) when it is up.
	 * @return the status
	 * @throws RegistryUnavailableException if it cannot be reached
	 */
	public int ping() {
		return this.http.exchange(RequestKind.PING, "GET", this.http.uri("/v2/"), null, null).status();
	}

	/** The registry's URL as configured, without a trailing slash. */
	public URI url() {
		return this.http.base();
	}

	private Optional<Fetched> fetchManifest(String repository, String reference) {
		RegistryHttp.Answer answer = this.http.send(RequestKind.MANIFEST_GET, "GET", manifestUri(repository, reference),
				pull(repository), ManifestJson.ACCEPT);
		if (answer.status() == 404) {
			return Optional.empty();
		}
		expect(answer, 200, "GET", repository + ":" + reference);
		ManifestJson.Parsed parsed = ManifestJson.parse(answer.header("Content-Type").orElse(null), answer.body());
		String digest = answer.header("Docker-Content-Digest")
			.orElseGet(() -> ContentDigests.of(answer.body(), "sha256:"));
		return Optional.of(new Fetched(digest, parsed));
	}

	/** Every page's {@code field} array, following {@code Link: <…>; rel="next"}. */
	private List<String> pages(RequestKind kind, String firstPage, Access scope, String field) {
		List<String> all = new ArrayList<>();
		URI page = this.http.uri(firstPage);
		for (int count = 0; page != null && count < MAX_PAGES; count++) {
			RegistryHttp.Answer answer = this.http.send(kind, "GET", page, scope, "application/json");
			if (answer.status() == 404) {
				return all;
			}
			expect(answer, 200, "GET", page.getPath());
			JsonNode names = ManifestJson.read(answer.body(), "list").path(field);
			names.values().stream().map(ManifestJson::text).filter((name) -> name != null).forEach(all::add);
			Function<String, URI> resolve = this.http::uri;
			page = LinkHeader.next(answer.header("Link").orElse(null)).map(resolve).orElse(null);
		}
		return all;
	}

	private URI manifestUri(String repository, String reference) {
		return this.http.uri("/v2/" + repository + "/manifests/" + reference);
	}

	private static Access pull(String repository) {
		return Access.repository(repository, "pull");
	}

	private void expect(RegistryHttp.Answer answer, int status, String what, String target) {
		if (answer.status() != status) {
			throw new RegistryUnavailableException("The registry at " + this.http.base() + " answered "
					+ answer.status() + " to " + what + " " + target + ".", RegistryUnavailableException.RETRY_AFTER);
		}
	}

	private record Fetched(String digest, ManifestJson.Parsed parsed) {
	}

}
