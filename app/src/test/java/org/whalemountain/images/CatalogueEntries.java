package org.whalemountain.images;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.whalemountain.registry.ImageConfig;

/** Catalogue rows for unit tests. */
final class CatalogueEntries {

	static final Instant PUSHED = Instant.parse("2026-11-20T10:15:30Z");

	private CatalogueEntries() {
	}

	static CatalogueEntry owned(String owner, Visibility visibility, String group) {
		return new CatalogueEntry(7, owner, owner + "/app", "v1", "sha256:" + "a".repeat(64), 1234, PUSHED,
				new ImageConfig(List.of(), List.of(), List.of("/bin/sh"), "", "", Map.of(), "amd64", "linux"), "",
				visibility, group, PUSHED, PUSHED);
	}

	static CatalogueEntry described(String description) {
		return owned("alice", Visibility.PRIVATE, null).withSharing(description, Visibility.PRIVATE, null, PUSHED);
	}

}
