package org.whalemountain.runners.templates;

/**
 * How CI jobs build images without a privileged Docker daemon
 * ({@code wm.runners.builder}): each has its own {@code .gitlab-ci.yml} template and
 * default job image.
 */
public enum Builder {

	/**
	 * Rootless BuildKit ({@code buildctl-daemonless.sh}), GitLab's documented recipe;
	 * keeps a registry build cache beside each image.
	 */
	BUILDKIT("moby/buildkit:v0.25.1-rootless", "ci-templates/gitlab-ci.buildkit.yml.mustache"),

	/** Buildah, rootless with {@code --isolation chroot} and the {@code vfs} driver. */
	BUILDAH("quay.io/buildah/stable:v1.41.0", "ci-templates/gitlab-ci.buildah.yml.mustache");

	private final String defaultImage;

	private final String template;

	Builder(String defaultImage, String template) {
		this.defaultImage = defaultImage;
		this.template = template;
	}

	/** The job image when {@code wm.runners.build-image} is left empty. */
	public String defaultImage() {
		return this.defaultImage;
	}

	String template() {
		return this.template;
	}

}
