package org.whalemountain.runners.templates;

import org.whalemountain.registry.BuildCaches;

/**
 * Everything that goes into one user's {@code .gitlab-ci.yml}. Registry details that
 * depend on the deployment (plain HTTP, a department CA) reach jobs through the runner's
 * environment, so a downloaded file stays right when the operator changes them.
 *
 * @param runnerTag the tag that sends jobs to the user's runner only
 * @param imagePrefix {@code <registry>/<username>} as jobs reach it, for the comments
 * @param builder which template renders
 */
public record CiTemplate(String username, String runnerTag, String buildImage, String imagePrefix, Builder builder) {

	/**
	 * BuildKit's cache tag, named where the registry sync recognises it, so that the
	 * cache never reaches the catalogue.
	 */
	public String buildCacheTag() {
		return BuildCaches.TAG;
	}

	/** What Buildah's cache repository adds to the image's name, likewise. */
	public String buildCacheSuffix() {
		return BuildCaches.REPOSITORY_SUFFIX;
	}

}
