package org.whalemountain.registry.sync;

import java.util.List;

/**
 * What a sync did.
 *
 * @param repositories repositories examined (skipped ones not counted)
 * @param skipped repositories and tags left out, each with why
 */
record SyncResult(int repositories, int tagsAdded, int tagsChanged, int tagsRemoved, List<String> skipped) {

	SyncResult {
		skipped = List.copyOf(skipped);
	}

}
