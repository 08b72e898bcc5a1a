package org.whalemountain.registry;

/**
 * Where the served CI jobs keep their registry build cache, and how the sync knows it is
 * one: the one place both the {@code .gitlab-ci.yml} templates and the registry sync take
 * the names from. A build cache is no image anyone launches or downloads: the sync
 * neither catalogues it nor reports it as unsupported, and no SIF is built from it.
 *
 * <p>
 * Each builder keeps its cache inside the user's namespace, so the push credential that
 * pushes the image pushes its cache:
 * <ul>
 * <li>BuildKit: the tag {@value #TAG} of the image's own repository (one OCI index of
 * cache records, {@code --export-cache type=registry,ref=<image>:buildcache}). The
 * factory's own tags are {@code latest}, a short commit SHA (hex) and
 * {@code <ref slug>-<short SHA>} (always with a {@code -}), never this word.</li>
 * <li>Buildah: the repository {@code <image>}{@value #REPOSITORY_SUFFIX}, since
 * {@code buildah bud --cache-to} takes a repository and tags each cached step by its own
 * hash. The factory's image names never end so: a path component is either valid as it is
 * (and then holds no {@code --}) or becomes {@code <letters>--<hex>}, and
 * {@code buildcache} is not hex.</li>
 * </ul>
 */
public final class BuildCaches {

	/** The tag BuildKit exports its cache to, in the image's repository. */
	public static final String TAG = "buildcache";

	/** What Buildah's cache repository adds to the image's repository name. */
	public static final String REPOSITORY_SUFFIX = "--buildcache";

	private BuildCaches() {
	}

	/** Whether this whole repository is a Buildah build cache. */
	public static boolean isCacheRepository(String repository) {
		return repository.endsWith(REPOSITORY_SUFFIX);
	}

	/** Whether this tag of this repository holds a build cache rather than an image. */
	public static boolean isCache(String repository, String tag) {
		return isCacheRepository(repository) || TAG.equals(tag);
	}

}
