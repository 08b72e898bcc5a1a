package org.whalemountain.runners.templates;

import java.util.List;

/**
 * Everything that goes into one user's {@code config.toml}.
 *
 * @param gitlabRunnerId GitLab's id of the runner, {@code null} when unknown
 * @param environment {@code NAME=value} entries every job sees
 * @param network the Docker network jobs run on
 * @param jobUser the {@code uid:gid} jobs run as, and the only one they may ask for
 * @param caFile the department CA's path on the Docker host, mounted read-only into jobs
 * at {@link #JOB_CA_FILE}; empty for none
 */
public record RunnerConfig(String username, String runnerName, String gitlabUrl, Long gitlabRunnerId,
		String runnerToken, List<String> environment, String buildImage, List<String> allowedImages,
		List<String> allowedServices, List<String> securityOptions, String network, String jobCpus, String jobMemory,
		int concurrent, String jobUser, String caFile) {

	/** Where jobs find the department CA ({@code WM_CA_FILE}). */
	public static final String JOB_CA_FILE = "/etc/whalemountain/certs/ca.crt";

	/**
	 * Services a job may start: none unless some are allowed, since an empty list means
	 * any.
	 */
	public int servicesLimit() {
		return this.allowedServices.isEmpty() ? 0 : -1;
	}

	/** The read-only bind of the CA into jobs, {@code null} without one. */
	public String caMount() {
		return (this.caFile == null || this.caFile.isBlank()) ? null : this.caFile + ":" + JOB_CA_FILE + ":ro";
	}

	@Override
	public String toString() {
		return "RunnerConfig[" + this.runnerName + ", token=****]";
	}

}
