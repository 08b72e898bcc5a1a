package org.whalemountain.archfixture.neutral;

/** Neutral words only, and Docker Hub's registry name. Test fixture only. */
public final class PlainSettings {

	public static final String REGISTRY = "docker.io";

	public static final String MESSAGE = "The container engine does not answer.";

	private PlainSettings() {
	}

}
