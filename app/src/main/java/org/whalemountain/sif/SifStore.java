package org.whalemountain.sif;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;
import org.whalemountain.platform.PlatformProperties;

/** Where SIF files and build work directories live on disk. */
@Component
class SifStore {

	private final Path store;

	private final Path work;

	SifStore(SifProperties properties, PlatformProperties platform) {
		this.store = properties.store(platform.dataDir()).toAbsolutePath();
		this.work = properties.work(platform.dataDir()).toAbsolutePath();
	}

	/** The finished file of a digest ({@code sha256:abc…} → {@code abc….sif}). */
	Path file(String digest) {
		return this.store.resolve(digest.replace(':', '-') + ".sif");
	}

	/** A fresh, empty work directory for one build. */
	Path workDirectory(String digest) throws IOException {
		Path dir = this.work.resolve(digest.replace(':', '-'));
		deleteRecursively(dir);
		Files.createDirectories(this.store);
		return Files.createDirectories(dir);
	}

	/** Bytes the finished SIF files take, for the admin page. */
	long usedBytes() {
		if (!Files.isDirectory(this.store)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(this.store)) {
			return files.filter((file) -> file.toString().endsWith(".sif")).mapToLong(SifStore::size).sum();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
