package org.whalemountain.images;

import java.util.Optional;

/**
 * A reference to a catalogue image as users and other features write it:
 * {@code [<registry host>/]<repository>[:<tag>][@<digest>]}, the tag {@code latest} when
 * neither tag nor digest is given, as docker reads it.
 *
 * @param digest when given, it decides and the tag is ignored
 */
record CatalogueReference(String repository, String tag, String digest) {

	private static final String DEFAULT_TAG = "latest";

	/**
	 * @param registryHost the only registry the catalogue knows
	 * @return empty when the reference names another registry, or is not a reference
	 */
	static Optional<CatalogueReference> parse(String reference, String registryHost) {
		if (reference == null || reference.isBlank() || reference.strip().length() != reference.length()) {
			return Optional.empty();
		}
		String rest = reference;
		String digest = null;
		int at = rest.indexOf('@');
		if (at >= 0) {
			digest = rest.substring(at + 1);
			rest = rest.substring(0, at);
		}
		int slash = rest.indexOf('/');
		if (slash > 0 && isHost(rest.substring(0, slash))) {
			if (!rest.substring(0, slash).equals(registryHost)) {
				return Optional.empty();
			}
			rest = rest.substring(slash + 1);
		}
		String tag = DEFAULT_TAG;
		int colon = rest.lastIndexOf(':');
		if (colon > rest.lastIndexOf('/')) {
			tag = rest.substring(colon + 1);
			rest = rest.substring(0, colon);
		}
		if (rest.isEmpty() || tag.isEmpty() || (digest != null && digest.isEmpty()) || !rest.contains("/")) {
			return Optional.empty();
		}
		return Optional.of(new CatalogueReference(rest, tag, digest));
	}

	/** Docker's rule: a first segment with a dot or a port, or localhost, is a host. */
	private static boolean isHost(String segment) {
		return segment.contains(".") || segment.contains(":") || segment.equals("localhost");
	}

}
