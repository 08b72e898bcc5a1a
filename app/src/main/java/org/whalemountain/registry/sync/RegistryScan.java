package org.whalemountain.registry.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.whalemountain.identity.Identity;
import org.whalemountain.registry.BuildCaches;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.registry.RegistryClient;
import org.whalemountain.registry.UnsupportedImageException;

/**
 * The reading half of a sync: what the registry holds now, compared with what was stored.
 * Changes nothing, so that a registry failing halfway leaves everything as it was. A tag
 * whose digest (one HEAD) equals the stored one costs nothing more; only new and changed
 * tags have their manifest and config fetched. Requests go out in parallel, at most the
 * pool's size at once.
 */
class RegistryScan implements AutoCloseable {

	private final RegistryClient client;

	private final Identity identity;

	private final ExecutorService pool;

	private final Clock clock;

	/**
	 * @param concurrency how many requests may be in flight at once; the pool's threads
	 * are its own, not the application's task executor
	 */
	RegistryScan(RegistryClient client, Identity identity, int concurrency, Clock clock) {
		this.client = client;
		this.identity = identity;
		AtomicInteger threads = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(concurrency, (task) -> {
			Thread thread = new Thread(task, "registry-sync-io-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.clock = clock;
	}

	@Override
	public void close() {
		this.pool.shutdownNow();
	}

	/**
	 * @param stored the stored tags of (at least) every repository in scope
	 * @throws RegistryUnavailableException if any request fails
	 */
	Scan scan(SyncScope scope, Map<String, Map<String, StoredTag>> stored) {
		Set<String> listed = new TreeSet<>(scope.full() ? this.client.repositories() : scope.repositories());
		// build caches are no images: left out before anything is read, so that they are
		// neither catalogued nor reported, and a cache stored by an older version
		// vanishes
		listed.removeIf(BuildCaches::isCacheRepository);
		List<String> skipped = new ArrayList<>();
		List<String> accepted = accepted(listed, skipped);
		Set<String> examined = new TreeSet<>(accepted);
		if (scope.full()) {
			// a repository gone from the catalog (storage wiped) has lost all its tags
			stored.keySet().stream().filter((name) -> !listed.contains(name)).forEach(examined::add);
		}
		Map<String, Map<String, String>> present = new HashMap<>();
		List<Scan.Observed> changed = compare(tagsOf(accepted), stored, present);
		List<Scan.Observed> fetched = new ArrayList<>();
		for (Scan.Observed observed : Parallel.map(this.pool, changed, this::fetch)) {
			if (observed.gone()) {
				present.get(observed.ref().repository()).remove(observed.ref().tag());
				continue;
			}
			if (observed.unsupported() != null) {
				skipped.add(observed.ref() + ": " + observed.unsupported());
			}
			fetched.add(observed);
		}
		return new Scan(List.copyOf(examined), present, fetched, skipped);
	}

	/**
	 * Every tag of these repositories but their build caches, in order, from their tag
	 * lists read in parallel.
	 */
	private List<Scan.TagRef> tagsOf(List<String> repositories) {
		List<List<String>> tags = Parallel.map(this.pool, repositories, this.client::tags);
		List<Scan.TagRef> refs = new ArrayList<>();
		for (int i = 0; i < repositories.size(); i++) {
			String repository = repositories.get(i);
			new TreeSet<>(tags.get(i)).stream()
				.filter((tag) -> !BuildCaches.isCache(repository, tag))
				.forEach((tag) -> refs.add(new Scan.TagRef(repository, tag)));
		}
		return refs;
	}

	/**
	 * One HEAD per tag, in parallel: fills {@code present} and returns the tags whose
	 * digest is not the stored one.
	 */
	private List<Scan.Observed> compare(List<Scan.TagRef> refs, Map<String, Map<String, StoredTag>> stored,
			Map<String, Map<String, String>> present) {
		List<Optional<String>> digests = Parallel.map(this.pool, refs,
				(ref) -> this.client.digest(ref.repository(), ref.tag()));
		List<Scan.Observed> changed = new ArrayList<>();
		for (int i = 0; i < refs.size(); i++) {
			Scan.TagRef ref = refs.get(i);
			Optional<String> digest = digests.get(i);
			if (digest.isEmpty()) {
				continue; // deleted between the tag list and the HEAD
			}
			present.computeIfAbsent(ref.repository(), (name) -> new HashMap<>()).put(ref.tag(), digest.get());
			StoredTag known = stored.getOrDefault(ref.repository(), Map.of()).get(ref.tag());
			if (known == null || !known.digest().equals(digest.get())) {
				changed.add(new Scan.Observed(ref, digest.get(), null, null));
			}
		}
		return changed;
	}

	/** Repositories under a known user's name; the others go to {@code skipped}. */
	private List<String> accepted(Set<String> repositories, List<String> skipped) {
		Map<String, Boolean> known = new HashMap<>();
		List<String> accepted = new ArrayList<>();
		for (String repository : repositories) {
			int slash = repository.indexOf('/');
			if (slash < 0) {
				skipped.add(repository + ": not under a user's name (<user>/<name>)");
				continue;
			}
			String owner = repository.substring(0, slash);
			if (known.computeIfAbsent(owner, this::isUser)) {
				accepted.add(repository);
			}
			else {
				skipped.add(repository + ": no user '" + owner + "' has logged in");
			}
		}
		return accepted;
	}

	private boolean isUser(String username) {
		try {
			this.identity.user(username);
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	/**
	 * Manifest and config of a new or changed tag, or why the catalogue cannot take it.
	 */
	private Scan.Observed fetch(Scan.Observed head) {
		Scan.TagRef ref = head.ref();
		try {
			Optional<RegistryClient.ImageManifest> manifest = this.client.manifest(ref.repository(), head.digest());
			if (manifest.isEmpty()) {
				return new Scan.Observed(ref, head.digest(), null, null); // deleted since
																			// the
																			// HEAD
			}
			RegistryClient.ImageDetails details = this.client.config(ref.repository(), manifest.get());
			Instant created = (details.created() != null) ? details.created() : this.clock.instant();
			return new Scan.Observed(ref, head.digest(), new TagImage(ref.owner(), ref.repository(), ref.tag(),
					head.digest(), manifest.get().digest(), manifest.get().sizeBytes(), created, details.config()),
					null);
		}
		catch (UnsupportedImageException ex) {
			return new Scan.Observed(ref, head.digest(), null, ex.getMessage());
		}
	}

}
