package org.whalemountain.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads and deletes what a Docker Registry HTTP API v2 holds, with the service's own
 * credentials. Every method blocks until the registry answered, at most the configured
 * request timeout per request, and may be called from several threads at once.
 *
 * <p>
 * Failures: {@link RegistryUnavailableException} when the registry cannot be reached,
 * times out, answers 5xx or refuses the service's credentials;
 * {@link UnsupportedImageException} when a manifest or config is of a kind the service
 * does not handle. "Not there" is an empty answer, never an exception.
 */
public interface RegistryClient {

	/**
	 * Every repository name in the registry, following the catalog's pagination.
	 */
	List<String> repositories();

	/**
	 * Every tag of the repository, following pagination if the registry paginates; empty
	 * when the registry does not know the repository or it has no tags left.
	 */
	List<String> tags(String repository);

	/**
	 * The digest of what the tag points at (an image manifest or an index), from one
	 * {@code HEAD}; empty when there is no such tag.
	 */
	Optional<String> digest(String repository, String tag);

	/**
	 * The linux/amd64 image behind a tag or digest: the manifest itself, or for an index
	 * (manifest list) the entry for linux/amd64, fetched in turn. Empty when the
	 * reference is not there.
	 * @throws UnsupportedImageException for schema 1, unknown media types, or an index
	 * without linux/amd64
	 */
	Optional<ImageManifest> manifest(String repository, String reference);

	/**
	 * The image config blob the manifest names, read and parsed.
	 * @throws UnsupportedImageException if the blob is missing or not an image config
	 */
	ImageDetails config(String repository, ImageManifest manifest);

	/**
	 * Opens a blob (a layer) as a stream that checks it against its digest as it goes:
	 * the read that reaches its end throws {@link UnsupportedImageException} when the
	 * bytes do not match, and a transfer that breaks off fails a read with an
	 * {@link java.io.IOException}. The caller closes it.
	 * @throws UnsupportedImageException when the blob is missing
	 */
	java.io.InputStream openBlob(String repository, String digest);

	/**
	 * Deletes the manifest with this digest and, as the registry does, every tag of the
	 * repository that points at it.
	 * @return {@code false} when the registry has no such manifest
	 */
	boolean deleteManifest(String repository, String digest);

	/**
	 * One image manifest, reduced to what the catalogue needs.
	 *
	 * @param digest the image manifest's own digest (for an index: the chosen entry's)
	 * @param configDigest the config blob's digest
	 * @param configSize the config blob's size as the manifest states it
	 * @param sizeBytes config plus layer sizes as the manifest states them
	 * @param layers the layer blobs, bottom first
	 */
	record ImageManifest(String digest, String configDigest, long configSize, long sizeBytes, List<Blob> layers) {

		public ImageManifest {
			layers = List.copyOf(layers);
		}

	}

	/** A blob a manifest names. */
	record Blob(String digest, long size, String mediaType) {
	}

	/**
	 * What an image config says.
	 *
	 * @param created the config's {@code created}, or {@code null} when absent
	 * @param json the config blob as stored
	 */
	record ImageDetails(ImageConfig config, Instant created, byte[] json) {
	}

}
