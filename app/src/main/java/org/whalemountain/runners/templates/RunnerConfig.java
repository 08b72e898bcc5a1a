package org.whalemountain.runners.templates;

import java.util.List;

/**
 * Everything that goes into one user's {@code config.toml}.
 *
 * @param gitlabRunnerId GitLab's id of the runner, {@code null} when unknown
 * @param environment {@code NAME=value} entries every job sees
 * @param network the Docker network jobs run on
 * @param jobUser the {@code uid:gid} jobs run as, and the only one they may ask for
 */
public record RunnerConfig(String username, String runnerName, String gitlabUrl, Long gitlabRunnerId,
		String runnerToken, List<String> environment, String buildImage, List<String> allowedImages,
		List<String> allowedServices, List<String> securityOptions, String network, String jobCpus, String jobMemory,
		int concurrent, String jobUser) {

	/**
	 * Services a job may start: none unless some are allowed, since an empty list means
	 * any.
	 */
	public int servicesLimit() {
		return this.allowedServices.isEmpty() ? 0 : -1;
	}

	@Override
	public String toString() {
		return "RunnerConfig[" + this.runnerName + ", token=****]";
	}

}
