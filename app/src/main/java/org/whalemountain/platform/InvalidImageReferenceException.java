package org.whalemountain.platform;

/**
 * A string that is not an image name, or only an image ID or digest. Its message says
 * what to write instead; features turn it into their own input error.
 */
public class InvalidImageReferenceException extends IllegalArgumentException {

	public InvalidImageReferenceException(String message) {
		super(message);
	}

}
