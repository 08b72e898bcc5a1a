package org.whalemountain.registry;

import java.util.List;

/**
 * An image as the registry holds it, for builders that need its layers (the SIF builder).
 *
 * @param digest the linux/amd64 image manifest's digest
 * @param configJson the config blob as stored
 * @param layers the layer blobs, bottom first
 */
public record RegistryImage(String digest, byte[] configJson, ImageConfig config, List<RegistryClient.Blob> layers) {

	public RegistryImage {
		configJson = configJson.clone();
		layers = List.copyOf(layers);
	}

}
