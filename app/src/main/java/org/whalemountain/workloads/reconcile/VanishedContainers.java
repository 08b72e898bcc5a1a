package org.whalemountain.workloads.reconcile;

import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.store.ContainerRecord;
import org.whalemountain.workloads.store.ContainerStore;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks the rows whose container an engine no longer has (removed by hand, lost with the
 * engine's host) {@code gone}, freeing their host ports for others; part of each
 * reconciliation.
 */
@Component
class VanishedContainers {

	private static final Logger log = LoggerFactory.getLogger(VanishedContainers.class);

	private final ContainerStore store;

	private final TransactionTemplate transaction;

	VanishedContainers(ContainerStore store, TransactionTemplate transaction) {
		this.store = store;
		this.transaction = transaction;
	}

	/**
	 * @param present the engine's lent containers just listed; a row missing there is
	 * checked once more, since it may have been launched meanwhile
	 * @return how many rows were marked
	 */
	int markGone(ContainerEngine engine, List<ContainerInfo> present) {
		Set<String> ids = present.stream().map(ContainerInfo::id).collect(Collectors.toSet());
		int gone = 0;
		for (ContainerRecord row : this.store.engineBacked(engine.name())) {
			if (ids.contains(row.containerId()) || engine.inspect(row.containerId()).isPresent()) {
				continue;
			}
			Boolean marked = this.transaction.execute((status) -> this.store.markGone(row.id(), row.containerId()));
			if (Boolean.TRUE.equals(marked)) {
				gone++;
				log.warn("Container {} of {} ({}) vanished from {}; marked gone, its host ports freed", row.id(),
						row.owner(), row.name(), engine.name());
			}
		}
		return gone;
	}

}
