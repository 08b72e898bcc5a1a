package org.whalemountain.registry.sync;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one sync looks at: the whole registry, or only some repositories (those a registry
 * notification named).
 *
 * @param repositories empty for a full sync
 */
public record SyncScope(boolean full, Set<String> repositories) {

	/** The whole registry. */
	public static final SyncScope FULL = new SyncScope(true, Set.of());

	public SyncScope {
		repositories = full ? Set.of() : Set.copyOf(repositories);
	}

	static SyncScope of(Collection<String> repositories) {
		return new SyncScope(false, Set.copyOf(repositories));
	}

	/** A scope that covers both: a full sync covers any targeted one. */
	SyncScope and(SyncScope other) {
		if (this.full || other.full) {
			return FULL;
		}
		Set<String> union = new TreeSet<>(this.repositories);
		union.addAll(other.repositories);
		return of(union);
	}

	/** Whether everything this other scope would look at is looked at here. */
	boolean covers(SyncScope other) {
		return this.full || (!other.full && this.repositories.containsAll(other.repositories));
	}

}
