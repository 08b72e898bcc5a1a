package org.whalemountain.workloads.launch;

import org.whalemountain.workloads.WorkloadsProperties;
import org.whalemountain.workloads.engine.RegistryCredentials;

import org.springframework.stereotype.Component;
import org.whalemountain.images.Images;
import org.whalemountain.platform.ImageReference;
import org.whalemountain.platform.InvalidImageReferenceException;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.registry.Registry;

/**
 * Decides whether a user may launch an image and how the engine may pull it. Only a name
 * gets through: an image ID, a prefix of one or a bare digest would let docker find an
 * image past every check here (another user's private image among them), so
 * {@link ImageReference} refuses them. A name on the service's registry must be a
 * catalogue image the user may see; any other must be on a registry the operator lists
 * ({@code wm.workloads.images.registries}) and pass the allow and deny lists, matched
 * against the normalised name ({@code python:3} is {@code docker.io/library/python:3}).
 * The engine pulls an image it lacks with {@link #pullCredentials(ImageReference)}.
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
	 * @return the normalised reference, which is what the engine is given
	 * @throws org.whalemountain.platform.NotFoundException for a catalogue image the user
	 * may not see
	 * @throws InvalidInputException ({@code invalid-image}) for what is not an image
	 * name, ({@code image-not-allowed}) for a registry or name the operator does not
	 * allow
	 */
	ImageReference check(String username, String image) {
		ImageReference reference = parse(image);
		if (reference.isOn(this.registry.host())) {
			this.images.visibleImage(username, reference.canonical());
			return reference;
		}
		WorkloadsProperties.ImageRules rules = this.properties.images();
		if (!rules.registries().contains(reference.registry())) {
			throw new InvalidInputException("image-not-allowed", "image",
					"Images from " + reference.registry() + " cannot be launched here. Use an image of the catalogue ("
							+ this.registry.host() + "/<owner>/<name>:<tag>) or one from "
							+ String.join(", ", rules.registries()) + ".");
		}
		boolean denied = rules.denied().stream().anyMatch((p) -> ImagePatterns.matches(p, reference));
		boolean allowed = rules.allowed().isEmpty()
				|| rules.allowed().stream().anyMatch((p) -> ImagePatterns.matches(p, reference));
		if (denied || !allowed) {
			throw new InvalidInputException("image-not-allowed", "image",
					"The image " + reference.canonical() + " is not allowed here; ask an administrator to allow it.");
		}
		return reference;
	}

	/**
	 * What the engine pulls the image with: for a catalogue image a token of the service
	 * that may pull this one repository (the user's visibility was checked before), for
	 * any other nothing, as those are pulled anonymously.
	 */
	RegistryCredentials pullCredentials(ImageReference image) {
		if (!image.isOn(this.registry.host())) {
			return null;
		}
		return RegistryCredentials.token(this.registry.host(), this.registry.pullToken(image.repository()));
	}

	private static ImageReference parse(String image) {
		try {
			return ImageReference.parse(image, ImageReference.DOCKER_HUB);
		}
		catch (InvalidImageReferenceException ex) {
			throw new InvalidInputException("invalid-image", "image", ex.getMessage());
		}
	}

}
