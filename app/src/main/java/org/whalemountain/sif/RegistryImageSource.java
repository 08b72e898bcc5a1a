package org.whalemountain.sif;

import java.io.InputStream;

import org.springframework.stereotype.Component;
import org.whalemountain.registry.Registry;
import org.whalemountain.registry.RegistryImage;

/**
 * Builds read their images from the department registry, with the service's own
 * credentials.
 */
@Component
class RegistryImageSource implements ImageSource {

	private final Registry registry;

	RegistryImageSource(Registry registry) {
		this.registry = registry;
	}

	@Override
	public ImageLayout layout(String repository, String digest) {
		RegistryImage image = this.registry.image(repository, digest);
		return new ImageLayout(image.configJson(), image.config(),
				image.layers()
					.stream()
					.map((blob) -> new Layer(blob.digest(), blob.size(), blob.mediaType()))
					.toList());
	}

	@Override
	public InputStream open(String repository, String blobDigest) {
		return this.registry.openBlob(repository, blobDigest);
	}

}
