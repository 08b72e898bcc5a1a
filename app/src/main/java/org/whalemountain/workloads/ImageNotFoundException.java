package org.whalemountain.workloads;

/** The image is neither present on the engine nor pullable. */
public class ImageNotFoundException extends EngineException {

	public ImageNotFoundException(String message, Throwable cause) {
		super(message, cause);
	}

}
