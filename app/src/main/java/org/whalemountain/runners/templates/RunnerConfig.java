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
 * @param namespace the Kubernetes namespace the runner and its jobs run in, which selects
 * the kubernetes executor's template; {@code null} for the docker executor
 */
public record RunnerConfig(String username, String runnerName, String gitlabUrl, Long gitlabRunnerId,
		String runnerToken, List<String> environment, String buildImage, List<String> allowedImages,
		List<String> allowedServices, List<String> securityOptions, String network, String jobCpus, String jobMemory,
		int concurrent, String jobUser, String caFile, String namespace) {

	/**
	 * The Docker security option that lifts the system-call filter, which rootless
	 * BuildKit needs ({@code wm.runners.build-security-options}).
	 */
	public static final String SECCOMP_UNCONFINED = "seccomp:unconfined";

	/** The Docker security option that lifts the AppArmor profile. */
	public static final String APPARMOR_UNCONFINED = "apparmor:unconfined";

	/** Whether the kubernetes executor's template renders this configuration. */
	public boolean onKubernetes() {
		return this.namespace != null;
	}

	/** The uid of {@link #jobUser}, which the kubernetes executor takes alone. */
	public String jobUid() {
		return this.jobUser.substring(0, this.jobUser.indexOf(':'));
	}

	/** The gid of {@link #jobUser}. */
	public String jobGid() {
		return this.jobUser.substring(this.jobUser.indexOf(':') + 1);
	}

	/**
	 * The build container's seccomp profile is lifted on Kubernetes when it would be on
	 * Docker: one setting says what the builder needs on either engine.
	 */
	public boolean buildSeccompUnconfined() {
		return this.securityOptions.contains(SECCOMP_UNCONFINED);
	}

	/** The build container's AppArmor profile is lifted, as on Docker. */
	public boolean buildAppArmorUnconfined() {
		return this.securityOptions.contains(APPARMOR_UNCONFINED);
	}

	/**
	 * The kubernetes executor's {@code allowed_services}: it reads an empty list as any
	 * image and has no services limit, so "none" is a list whose only pattern, the empty
	 * one, matches no image name.
	 */
	public List<String> kubernetesAllowedServices() {
		return this.allowedServices.isEmpty() ? List.of("") : this.allowedServices;
	}

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
