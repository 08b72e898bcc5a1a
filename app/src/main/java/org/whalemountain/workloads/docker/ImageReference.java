package org.whalemountain.workloads.docker;

/**
 * An image reference split the way the Engine API's pull wants it. Docker pulls every tag
 * of a repository when asked without one, so a reference without a tag or digest means
 * {@code latest}, as on the docker command line.
 *
 * @param repository {@code registry:port/owner/name} as given
 * @param tag a tag, or a digest such as {@code sha256:...}
 */
record ImageReference(String repository, String tag) {

	static ImageReference parse(String image) {
		if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
			throw new IllegalArgumentException("Not an image reference: '" + image + "'");
		}
		int at = image.indexOf('@');
		if (at >= 0) {
			return new ImageReference(withoutTag(image.substring(0, at)), image.substring(at + 1));
		}
		int colon = image.lastIndexOf(':');
		if (colon > image.lastIndexOf('/')) {
			return new ImageReference(image.substring(0, colon), image.substring(colon + 1));
		}
		return new ImageReference(image, "latest");
	}

	/** {@code name:tag@digest} pulls by digest; the tag is only a label then. */
	private static String withoutTag(String name) {
		int colon = name.lastIndexOf(':');
		return (colon > name.lastIndexOf('/')) ? name.substring(0, colon) : name;
	}

	@Override
	public String toString() {
		return this.repository + (this.tag.contains(":") ? "@" : ":") + this.tag;
	}

}
