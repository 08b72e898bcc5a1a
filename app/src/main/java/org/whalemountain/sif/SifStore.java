package org.whalemountain.sif;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

	Path storeRoot() {
		return this.store;
	}

	Path workRoot() {
		return this.work;
	}

	/**
	 * A fresh, empty work directory for one claim of a build,
	 * {@code sha256-<hex>.<claim>}: a worker that took a build over never touches the
	 * directory of the one it took it from.
	 */
	Path workDirectory(String digest, String claim) throws IOException {
		Path dir = this.work.resolve(digest.replace(':', '-') + "." + claim);
		deleteRecursively(dir);
		Files.createDirectories(this.store);
		return Files.createDirectories(dir);
	}

	/** The work directories on disk, finished or not. */
	List<Path> workDirectories() throws IOException {
		if (!Files.isDirectory(this.work)) {
			return List.of();
		}
		try (Stream<Path> dirs = Files.list(this.work)) {
			return dirs.filter(Files::isDirectory).toList();
		}
	}

	/** The claim a work directory belongs to; empty for one of another layout. */
	static String claimOf(Path workDirectory) {
		String name = workDirectory.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return (dot < 0) ? "" : name.substring(dot + 1);
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
