package org.whalemountain.runners.templates;

/**
 * Everything that goes into one user's {@code .gitlab-ci.yml}.
 *
 * @param runnerTag the tag that sends jobs to the user's runner only
 * @param imagePrefix {@code <registry>/<username>}, for the comment
 */
public record CiTemplate(String username, String runnerTag, String buildImage, String imagePrefix,
		boolean registryInsecure) {
}
