package org.whalemountain.registry.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.whalemountain.registry.token.TokenMinter;

/**
 * Fills the registry for the benchmark fast: one small image uploaded once, then for each
 * repository its two blobs mounted from the first (no upload) and its tags put as
 * manifests, with the service's own tokens, many repositories at once.
 */
final class BenchmarkRegistry {

	static final String SOURCE = "alice/bench-0000";

	private final RegistryApi api;

	private final int concurrency;

	private byte[] manifest;

	BenchmarkRegistry(String url, TokenMinter minter, int concurrency) {
		this.api = new RegistryApi(url, minter);
		this.concurrency = concurrency;
	}

	static String repository(int index) {
		return String.format("alice/bench-%04d", index);
	}

	void fill(int repositories, int tags) throws Exception {
		String token = this.api.pushToken(SOURCE);
		byte[] layer = RegistryApi.tinyLayer("benchmark");
		String layerDigest = this.api.upload(SOURCE, layer, token);
		byte[] config = RegistryApi.config("BENCH=1", "/hello", layerDigest);
		String configDigest = this.api.upload(SOURCE, config, token);
		this.manifest = RegistryApi.manifest(configDigest, config.length, layerDigest, layer.length);
		ExecutorService pool = Executors.newFixedThreadPool(this.concurrency);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < repositories; i++) {
				String repository = repository(i);
				done.add(pool.submit(() -> {
					String own = this.api.pushToken(repository, SOURCE);
					if (!repository.equals(SOURCE)) {
						this.api.mount(repository, layerDigest, SOURCE, own);
						this.api.mount(repository, configDigest, SOURCE, own);
					}
					for (int tag = 0; tag < tags; tag++) {
						this.api.putManifest(repository, "t" + tag, this.manifest, own);
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Puts one more tag and returns when the registry answered. */
	Instant pushTag(String repository, String tag) {
		this.api.putManifest(repository, tag, this.manifest, this.api.pushToken(repository));
		return Instant.now();
	}

}
