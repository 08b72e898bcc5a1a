package org.whalemountain.registry.distribution;

/**
 * The kinds of request the client makes, counted apart: an unchanged registry should cost
 * catalog pages, tag lists and HEADs, and nothing else.
 */
public enum RequestKind {

	CATALOG("catalog"), TAGS("tags"), MANIFEST_HEAD("manifest.head"), MANIFEST_GET("manifest.get"),
	BLOB_GET("blob.get"), MANIFEST_DELETE("manifest.delete"), PING("ping");

	/** The Micrometer counter that counts every request sent. */
	public static final String METER = "wm.registry.requests";

	private final String tag;

	RequestKind(String tag) {
		this.tag = tag;
	}

	/** The value of the counter's {@code kind} tag. */
	public String tag() {
		return this.tag;
	}

}
