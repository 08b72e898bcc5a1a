package org.whalemountain.registry.facade;

import org.springframework.stereotype.Component;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.registry.RegistryClient;
import org.whalemountain.registry.RegistryImage;

/** Reads whole images out of the registry with the service's own credentials. */
@Component
class ImageReader {

	private final RegistryClient client;

	ImageReader(RegistryClient client) {
		this.client = client;
	}

	RegistryImage image(String repository, String digest) {
		RegistryClient.ImageManifest manifest = this.client.manifest(repository, digest)
			.orElseThrow(() -> new NotFoundException("image-not-in-registry",
					"The registry no longer has " + repository + "@" + digest + "."));
		RegistryClient.ImageDetails details = this.client.config(repository, manifest);
		return new RegistryImage(manifest.digest(), details.json(), details.config(), manifest.layers());
	}

	java.io.InputStream open(String repository, String digest) {
		return this.client.openBlob(repository, digest);
	}

}
