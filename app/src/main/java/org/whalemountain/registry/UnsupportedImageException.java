package org.whalemountain.registry;

/**
 * A tag points at something the service cannot put in the catalogue: a schema 1 manifest,
 * an unknown media type, an index without linux/amd64, a missing or unreadable config.
 * The sync skips such a tag and lists it with this message.
 */
public class UnsupportedImageException extends RuntimeException {

	public UnsupportedImageException(String message) {
		super(message);
	}

}
