package org.whalemountain.registry.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.registry.events.ImageTagRemoved;

/**
 * The writing half of a sync: stores what a {@link RegistryScan} found and tells the
 * catalogue, one transaction per repository, so that a stored tag and its event are
 * committed together (the event publication registry keeps the event until the catalogue
 * has it) and a failure leaves every repository either old or new.
 */
@Component
class SyncApplier {

	private final RegistryTags tags;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	SyncApplier(RegistryTags tags, ApplicationEventPublisher events, PlatformTransactionManager transactions,
			Clock clock) {
		this.tags = tags;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	SyncResult apply(Scan scan, Map<String, Map<String, StoredTag>> stored) {
		Map<String, List<Scan.Observed>> changed = scan.changed()
			.stream()
			.collect(Collectors.groupingBy((observed) -> observed.ref().repository()));
		Counts counts = new Counts();
		for (String repository : scan.examined()) {
			Map<String, StoredTag> known = stored.getOrDefault(repository, Map.of());
			Map<String, String> present = scan.present().getOrDefault(repository, Map.of());
			List<Scan.Observed> changes = changed.getOrDefault(repository, List.of());
			List<StoredTag> vanished = known.values()
				.stream()
				.filter((tag) -> !present.containsKey(tag.tag()))
				.sorted(Comparator.comparing(StoredTag::tag))
				.toList();
			if (!changes.isEmpty() || !vanished.isEmpty()) {
				this.transaction.executeWithoutResult((status) -> apply(known, changes, vanished, counts));
			}
		}
		return new SyncResult(scan.examined().size(), counts.added, counts.changed, counts.removed, scan.skipped());
	}

	private void apply(Map<String, StoredTag> known, List<Scan.Observed> changes, List<StoredTag> vanished,
			Counts counts) {
		Instant now = this.clock.instant();
		for (Scan.Observed observed : changes) {
			StoredTag before = known.get(observed.ref().tag());
			boolean wasCatalogued = before != null && before.catalogued();
			if (observed.image() != null) {
				this.tags.putImage(observed.image(), now);
				this.events.publishEvent(observed.image().pushed());
				counts.count(wasCatalogued ? 0 : 1, wasCatalogued ? 1 : 0, 0);
			}
			else {
				this.tags.putUnsupported(observed.ref().repository(), observed.ref().tag(), observed.ref().owner(),
						observed.digest(), observed.unsupported(), now);
				if (wasCatalogued) {
					removed(before, counts);
				}
			}
		}
		for (StoredTag tag : vanished) {
			this.tags.delete(tag.repository(), tag.tag());
			if (tag.catalogued()) {
				removed(tag, counts);
			}
		}
	}

	private void removed(StoredTag tag, Counts counts) {
		this.events.publishEvent(new ImageTagRemoved(tag.owner(), tag.repository(), tag.tag()));
		counts.count(0, 0, 1);
	}

	/**
	 * Counts of one sync, added to only after a repository's transaction body ran; a
	 * failed commit ends the whole sync anyway.
	 */
	private static final class Counts {

		int added;

		int changed;

		int removed;

		void count(int added, int changed, int removed) {
			this.added += added;
			this.changed += changed;
			this.removed += removed;
		}

	}

}
