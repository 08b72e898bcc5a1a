package org.whalemountain.runners;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.whalemountain.runners.templates.Builder;

/**
 * The per-user runners ({@code wm.runners.*}); every property is in the operator guide.
 *
 * @param image the gitlab-runner image each user's runner container runs; must be present
 * on the Docker host (nothing is pulled implicitly)
 * @param buildImage the only image CI jobs may use by default; empty for the builder's
 * own ({@link Builder#defaultImage()})
 * @param extraAllowedImages further images jobs may use
 * @param allowedServices service images jobs may start; none by default
 * @param buildSecurityOptions Docker security options for jobs; rootless BuildKit needs
 * its user namespace, which the default seccomp and AppArmor profiles forbid
 * @param jobCpus CPU limit of one job, as gitlab-runner's {@code cpus}
 * @param jobMemory memory limit of one job, as gitlab-runner's {@code memory}
 * @param concurrent jobs one user's runner runs at once
 * @param runnerNanoCpus CPU limit of the runner container itself, in billionths of a CPU
 * @param runnerMemoryBytes memory limit of the runner container itself
 * @param registryInsecure let jobs pull from and push to the registry over plain HTTP
 * (local runs)
 * @param reconcileInterval how often runner containers are compared with the database
 * @param jobUser the numeric {@code uid:gid} every job's build container runs as, and the
 * only user a job may ask for; never root, so that a job cannot choose
 * {@code image: docker: user: "0"}
 * @param startupCheck how long a new runner container must keep running before a
 * registration counts it as up; one that exits or restarts in that time fails the
 * registration, and the previous runner stays
 * @param engine the container engine runner containers run on; one of
 * {@code wm.workloads.engines.enabled}
 * @param builder which {@code .gitlab-ci.yml} template users get: how jobs build images
 * @param caFile the department CA (PEM) on the Docker host, for a registry or realm whose
 * certificate it signed: mounted read-only into jobs and handed to the builder; empty for
 * none
 */
@Validated
@ConfigurationProperties("wm.runners")
public record RunnersProperties(@NotBlank @DefaultValue("gitlab/gitlab-runner:v18.5.0") String image,
		@NotNull @DefaultValue("") String buildImage, @DefaultValue List<String> extraAllowedImages,
		@DefaultValue List<String> allowedServices, @DefaultValue( {
				"seccomp:unconfined", "apparmor:unconfined" }) List<String> buildSecurityOptions,
		@NotBlank @DefaultValue("2") String jobCpus, @NotBlank @DefaultValue("4g") String jobMemory,
		@Min(1) @DefaultValue("1") int concurrent, @Min(0) @DefaultValue("1000000000") long runnerNanoCpus,
		@Min(0) @DefaultValue("536870912") long runnerMemoryBytes, @DefaultValue("false") boolean registryInsecure,
		@NotNull @DefaultValue("PT5M") Duration reconcileInterval,
		@NotNull @Pattern(regexp = "[1-9][0-9]{0,9}:[1-9][0-9]{0,9}",
				message = "must be a numeric uid:gid, neither of them 0 (root)") @DefaultValue("1000:1000") String jobUser,
		@NotNull @DefaultValue("PT2S") Duration startupCheck, @NotBlank @DefaultValue("docker") String engine,
		@NotNull @DefaultValue("buildkit") Builder builder, @NotNull @Pattern(regexp = "|/[^:,\"\\\\\\p{Cntrl}]*",
				message = "must be empty or an absolute path without ':', ',', '\"', '\\' or control characters") @DefaultValue("") String caFile){

	/** The job image: {@code build-image}, or the builder's own when that is empty. */
	@Override
	public String buildImage() {
		return this.buildImage.isBlank() ? this.builder.defaultImage() : this.buildImage;
	}

	/**
	 * On Kubernetes every pod in a user's namespace must meet the restricted Pod Security
	 * level, which refuses a build container with lifted seccomp or AppArmor profiles
	 * (what rootless BuildKit needs), and no host path reaches a pod: such a runner would
	 * fail every job, so the start fails instead.
	 */
	@AssertTrue(message = "wm.runners.engine=kubernetes runs jobs under the restricted Pod Security level of the"
			+ " user's namespace, which refuses lifted seccomp and AppArmor profiles and host paths: set"
			+ " wm.runners.builder=buildah, wm.runners.build-security-options= (empty) and leave wm.runners.ca-file"
			+ " empty")
	public boolean isKubernetesCompatible() {
		return !"kubernetes".equals(this.engine) || (this.builder == Builder.BUILDAH
				&& this.buildSecurityOptions.stream().noneMatch((option) -> option.endsWith(":unconfined"))
				&& this.caFile.isBlank());
	}

	/** Images a job may name: the build image first, then the extra ones. */
	public List<String> allowedImages() {
		return java.util.stream.Stream
			.concat(java.util.stream.Stream.of(buildImage()), this.extraAllowedImages.stream())
			.distinct()
			.toList();
	}

}
