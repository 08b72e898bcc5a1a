package org.whalemountain.sif.rootfs;

/**
 * The image cannot be turned into a root filesystem; the message says which entry and
 * why.
 */
public class ImageBuildException extends RuntimeException {

	public ImageBuildException(String message) {
		super(message);
	}

	public ImageBuildException(String message, Throwable cause) {
		super(message, cause);
	}

}
