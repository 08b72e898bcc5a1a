package org.whalemountain.registry.sync;

/**
 * A tag as the last sync saw it.
 *
 * @param digest what the tag points at (an image manifest or an index)
 * @param imageDigest the linux/amd64 image manifest; {@code null} when unsupported
 * @param unsupported why the catalogue does not have it, or {@code null}
 */
record StoredTag(String repository, String tag, String owner, String digest, String imageDigest, String unsupported) {

	/**
	 * Whether the catalogue was told about this tag (and so must hear of its removal).
	 */
	boolean catalogued() {
		return this.unsupported == null;
	}

}
