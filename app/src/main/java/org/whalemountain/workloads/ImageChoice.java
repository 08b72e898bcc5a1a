package org.whalemountain.workloads;

import org.springframework.stereotype.Component;
import org.whalemountain.images.Images;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.UnavailableException;
import org.whalemountain.registry.Registry;

/**
 * Decides whether a user may launch an image and makes sure the engine has it. A
 * reference on the service's registry must be a catalogue image the user may see; any
 * other must be a Docker Hub reference the operator's allow and deny lists let through.
 */
@Component
class ImageChoice {

	private final Images images;

	private final Registry registry;

	private final WorkloadsProperties properties;

	ImageChoice(Images images, Registry registry, WorkloadsProperties properties) {
		this.images = images;
		this.registry = registry;
		this.properties = properties;
	}

	/**
	 * @throws org.whalemountain.platform.NotFoundException for a catalogue image the user
	 * may not see
	 * @throws InvalidInputException for any other reference that is not allowed
	 */
	String check(String username, String image) {
		if (image == null || image.isBlank()) {
			throw new InvalidInputException("invalid-image", "image", "Name the image to launch.");
		}
		if (image.startsWith(this.registry.host() + "/")) {
			this.images.visibleImage(username, image);
			return image;
		}
		if (!LaunchInputs.isHubReference(image)) {
			throw new InvalidInputException("invalid-image", "image",
					"'" + image + "' is neither an image of the catalogue (" + this.registry.host()
							+ "/<owner>/<name>:<tag>) nor a Docker Hub reference such as nginx:1.27.");
		}
		WorkloadsProperties.ImageRules rules = this.properties.images();
		boolean denied = rules.denied().stream().anyMatch((p) -> LaunchInputs.matches(p, image));
		boolean allowed = rules.allowed().isEmpty()
				|| rules.allowed().stream().anyMatch((p) -> LaunchInputs.matches(p, image));
		if (denied || !allowed) {
			throw new InvalidInputException("image-not-allowed", "image",
					"The image " + image + " is not allowed here; ask an administrator (wm.workloads.images).");
		}
		return image;
	}

	/**
	 * Pulls a Docker Hub image the engine lacks. Catalogue images are not pulled here
	 * yet: the engine port takes credentials, but the registry module hands out none for
	 * the service itself so far.
	 * @throws InvalidInputException when the image does not exist
	 * @throws UnavailableException when a catalogue image is not on the Docker host
	 */
	void ensurePresent(ContainerEngine engine, String image) {
		if (engine.imagePresent(image)) {
			return;
		}
		if (image.startsWith(this.registry.host() + "/")) {
			throw new UnavailableException("image-not-on-host",
					"The image " + image + " is not on the Docker host yet; an operator must pull it there first.",
					null);
		}
		try {
			engine.pull(image, null, (progress) -> {
			});
		}
		catch (ImageNotFoundException ex) {
			throw new InvalidInputException("image-not-found", "image",
					"The image " + image + " exists neither on the Docker host nor on Docker Hub.");
		}
	}

}
