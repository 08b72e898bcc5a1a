package org.whalemountain.sif;

import java.io.InputStream;
import java.util.List;

import org.whalemountain.registry.ImageConfig;

/**
 * Where a build reads an image from: the registry, in production and in tests.
 * Implementations block and throw {@link org.whalemountain.platform.UnavailableException}
 * when the registry cannot be reached,
 * {@link org.whalemountain.platform.NotFoundException} when the image is gone.
 */
public interface ImageSource {

	/**
	 * The linux/amd64 image behind a manifest digest: its config and layers, bottom
	 * first.
	 */
	ImageLayout layout(String repository, String digest);

	/**
	 * Opens a blob as a stream that checks its digest as it is read: the read that
	 * reaches its end throws when the bytes do not match, one that breaks off throws an
	 * {@link java.io.IOException}. The caller closes it.
	 */
	InputStream open(String repository, String blobDigest) throws java.io.IOException;

	/**
	 * @param configJson the config blob as stored, for {@code oci-config.json}
	 */
	record ImageLayout(byte[] configJson, ImageConfig config, List<Layer> layers) {

		public ImageLayout {
			configJson = configJson.clone();
			layers = List.copyOf(layers);
		}

		public long totalBytes() {
			return this.layers.stream().mapToLong(Layer::size).sum();
		}

	}

	/** One layer blob. */
	record Layer(String digest, long size, String mediaType) {
	}

}
