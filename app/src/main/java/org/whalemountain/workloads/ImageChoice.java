package org.whalemountain.workloads;

import org.springframework.stereotype.Component;
import org.whalemountain.images.Images;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.registry.Registry;

/**
 * Decides whether a user may launch an image and how the engine may pull it. A reference
 * on the service's registry must be a catalogue image the user may see; any other must be
 * a Docker Hub reference the operator's allow and deny lists let through. The engine
 * pulls an image it lacks with {@link #pullCredentials(String)}.
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
	 * What the engine pulls the image with: for a catalogue image a token of the service
	 * that may pull this one repository (the user's visibility was checked before), for a
	 * Docker Hub image nothing, as Docker Hub is pulled anonymously.
	 */
	RegistryCredentials pullCredentials(String image) {
		String prefix = this.registry.host() + "/";
		if (!image.startsWith(prefix)) {
			return null;
		}
		String repository = image.substring(prefix.length());
		int digest = repository.indexOf('@');
		if (digest >= 0) {
			repository = repository.substring(0, digest);
		}
		int tag = repository.lastIndexOf(':');
		if (tag >= 0) {
			repository = repository.substring(0, tag);
		}
		return RegistryCredentials.token(this.registry.host(), this.registry.pullToken(repository));
	}

}
