/**
 * Per-user GitLab Runners: registration with GitLab, sealed runner tokens, the rendered
 * {@code config.toml} and {@code .gitlab-ci.yml}, and the runner container each user
 * gets.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Runners",
		allowedDependencies = { "registry", "workloads::engine", "platform" })
package org.whalemountain.runners;
