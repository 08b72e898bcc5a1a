package org.whalemountain.archfixture.neutral;

/**
 * Neutral words only, Docker Hub's registry name and an engine's bare name. Test fixture
 * only.
 */
public final class PlainSettings {

	public static final String REGISTRY = "docker.io";

	public static final String DEFAULT_ENGINE = "docker";

	public static final String MESSAGE = "The container engine does not answer.";

	private PlainSettings() {
	}

}
