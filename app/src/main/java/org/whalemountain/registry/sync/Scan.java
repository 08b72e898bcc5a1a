package org.whalemountain.registry.sync;

import java.util.List;
import java.util.Map;

/**
 * What a {@link RegistryScan} found in the registry.
 *
 * @param examined every repository whose stored tags this scan speaks for
 * @param present the digest of every tag found, by repository, then by tag
 * @param changed the new and changed tags, fetched
 * @param skipped repositories and tags left out, with why
 */
record Scan(List<String> examined, Map<String, Map<String, String>> present, List<Observed> changed,
		List<String> skipped) {

	/** One tag of one repository. */
	record TagRef(String repository, String tag) {

		String owner() {
			return this.repository.substring(0, this.repository.indexOf('/'));
		}

		@Override
		public String toString() {
			return this.repository + ":" + this.tag;
		}

	}

	/**
	 * A new or changed tag: its image, or why it has none, or neither when it was deleted
	 * since its HEAD.
	 */
	record Observed(TagRef ref, String digest, TagImage image, String unsupported) {

		boolean gone() {
			return this.image == null && this.unsupported == null;
		}

	}

}
