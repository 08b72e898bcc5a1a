package org.whalemountain.sif;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.platform.UnavailableException;
import org.whalemountain.registry.ImageConfig;
import org.whalemountain.sif.rootfs.LayerTarFixture;

/**
 * Serves small busybox-less images from files instead of the registry, for the digests a
 * test added. Every test context's worker polls the one shared database, so a worker here
 * may claim another context's build: a digest no test here added is "unavailable", which
 * hands it back to the queue instead of building something else under its name.
 */
class LocalImageSource implements ImageSource {

	static final ImageConfig CONFIG = new ImageConfig(List.of("PATH=/bin"), List.of(), List.of("/bin/sh"), "", "",
			Map.of(), "amd64", "linux");

	private final Map<String, Long> layerSizes = new ConcurrentHashMap<>();

	private final Set<String> broken = ConcurrentHashMap.newKeySet();

	private final Set<String> goneRepositories = ConcurrentHashMap.newKeySet();

	private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

	private final Set<String> interrupted = ConcurrentHashMap.newKeySet();

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final Map<String, List<String>> repositoriesRead = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();

	/** Serves the digest with one small layer of the stated size. */
	void add(String digest, long layerSize) {
		this.layerSizes.put(digest, layerSize);
	}

	void add(String digest) {
		add(digest, 100);
	}

	/** Serves the digest with a layer that climbs out of the image. */
	void breakImage(String digest) {
		add(digest);
		this.broken.add(digest);
	}

	/** The repository is deleted from the registry: nothing can be read from it. */
	void removeRepository(String repository) {
		this.goneRepositories.add(repository);
	}

	/** Reading the digest's layout blocks until {@link #release}, or an interrupt. */
	void hold(String digest) {
		this.held.put(digest, new CountDownLatch(1));
	}

	void release(String digest) {
		this.held.get(digest).countDown();
	}

	/** Whether a read of the digest was blocked when its thread was interrupted. */
	boolean interrupted(String digest) {
		return this.interrupted.contains(digest);
	}

	int layoutCalls(String digest) {
		return this.calls.getOrDefault(digest, new AtomicInteger()).get();
	}

	/** The repositories the digest's layout was read from, in order. */
	List<String> repositoriesRead(String digest) {
		return List.copyOf(this.repositoriesRead.getOrDefault(digest, List.of()));
	}

	int downloads(String digest) {
		return this.downloads.getOrDefault(digest, new AtomicInteger()).get();
	}

	@Override
	public ImageLayout layout(String repository, String digest) {
		Long size = this.layerSizes.get(digest);
		if (size == null) {
			throw new UnavailableException("registry-unavailable", "Not an image of this test context",
					Duration.ofSeconds(30));
		}
		this.calls.computeIfAbsent(digest, (d) -> new AtomicInteger()).incrementAndGet();
		this.repositoriesRead.computeIfAbsent(digest, (d) -> new CopyOnWriteArrayList<>()).add(repository);
		checkRepository(repository);
		awaitRelease(digest);
		return new ImageLayout("{}".getBytes(StandardCharsets.UTF_8), CONFIG,
				List.of(new Layer(this.broken.contains(digest) ? "broken:" + digest : "good:" + digest, size, "tar")));
	}

	@Override
	public InputStream open(String repository, String blobDigest) throws IOException {
		checkRepository(repository);
		String digest = blobDigest.substring(blobDigest.indexOf(':') + 1);
		this.downloads.computeIfAbsent(digest, (d) -> new AtomicInteger()).incrementAndGet();
		return new ByteArrayInputStream(
				blobDigest.startsWith("broken:") ? LayerTarFixture.escaping() : LayerTarFixture.simple());
	}

	private void checkRepository(String repository) {
		if (this.goneRepositories.contains(repository)) {
			throw new NotFoundException("image-not-found", "The registry has no repository " + repository + ".");
		}
	}

	private void awaitRelease(String digest) {
		CountDownLatch latch = this.held.get(digest);
		if (latch == null) {
			return;
		}
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			this.interrupted.add(digest);
			Thread.currentThread().interrupt();
			// as the registry client answers an interrupted request
			throw new UnavailableException("registry-unavailable", "the request was interrupted", null);
		}
	}

	/** The local images in place of the registry, for the SIF queue tests. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		@Primary
		LocalImageSource localImageSource() {
			return new LocalImageSource();
		}

	}

}
