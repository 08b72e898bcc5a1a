package org.whalemountain.registry.sync;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.whalemountain.registry.token.Access;
import org.whalemountain.registry.token.TokenMinter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's baseline: exactly the HTTP traffic an unchanged registry's sync needs
 * (catalog pages, every tag list, a HEAD per tag), sent the same way (HTTP/1.1, the same
 * number at once) with tokens minted beforehand, and nothing else: no database, no
 * comparison, no events.
 */
final class BaselineTraffic {

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String base;

	private final int concurrency;

	private final String catalogToken;

	private final Map<String, String> pullTokens = new HashMap<>();

	/** Mints every token up front, so that only requests are timed. */
	BaselineTraffic(String base, TokenMinter minter, int concurrency, List<String> repositories) {
		this.base = base;
		this.concurrency = concurrency;
		this.catalogToken = minter.forService(List.of(new Access("registry", "catalog", List.of("*"))));
		for (String repository : repositories) {
			this.pullTokens.put(repository, minter.forService(List.of(Access.repository(repository, "pull"))));
		}
	}

	/** Sends the traffic and returns how many requests of each kind it took. */
	Counts run() throws Exception {
		List<String> repositories = new ArrayList<>();
		int pages = 0;
		String page = "/v2/_catalog?n=1000";
		while (page != null) {
			HttpResponse<String> answer = get(page, this.catalogToken, "GET", null);
			pages++;
			JSON.readTree(answer.body())
				.path("repositories")
				.values()
				.forEach((name) -> repositories.add(name.asString()));
			Matcher next = NEXT.matcher(answer.headers().firstValue("Link").orElse(""));
			page = next.find() ? next.group(1) : null;
		}
		ExecutorService pool = Executors.newFixedThreadPool(this.concurrency);
		try {
			List<Callable<List<String[]>>> lists = new ArrayList<>();
			for (String repository : repositories) {
				lists.add(() -> {
					JsonNode tags = JSON
						.readTree(get("/v2/" + repository + "/tags/list?n=1000", this.pullTokens.get(repository), "GET",
								null)
							.body())
						.path("tags");
					List<String[]> refs = new ArrayList<>();
					tags.values().forEach((tag) -> refs.add(new String[] { repository, tag.asString() }));
					return refs;
				});
			}
			List<String[]> refs = new ArrayList<>();
			for (Future<List<String[]>> list : pool.invokeAll(lists)) {
				refs.addAll(list.get());
			}
			List<Callable<Integer>> heads = new ArrayList<>();
			for (String[] ref : refs) {
				heads.add(() -> get("/v2/" + ref[0] + "/manifests/" + ref[1], this.pullTokens.get(ref[0]), "HEAD",
						"application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json, "
								+ "application/vnd.oci.image.index.v1+json, "
								+ "application/vnd.docker.distribution.manifest.list.v2+json")
					.statusCode());
			}
			for (Future<Integer> head : pool.invokeAll(heads)) {
				if (head.get() != 200) {
					throw new IllegalStateException("HEAD answered " + head.get());
				}
			}
			return new Counts(pages, repositories.size(), refs.size());
		}
		finally {
			pool.shutdownNow();
		}
	}

	private HttpResponse<String> get(String path, String token, String method, String accept) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base).resolve(path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + token)
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (accept != null) {
			request.header("Accept", accept);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	record Counts(int catalogPages, int tagLists, int heads) {

		@Override
		public String toString() {
			return "catalog=" + this.catalogPages + " tags=" + this.tagLists + " manifest.head=" + this.heads;
		}

	}

}
