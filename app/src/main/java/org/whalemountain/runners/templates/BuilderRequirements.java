package org.whalemountain.runners.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What each builder needs from the job container's security options
 * ({@code wm.runners.build-security-options}), and what is certainly wrong with them.
 * Both builders run rootless in a user namespace of the job user's: Docker's default
 * seccomp profile refuses {@code unshare(CLONE_NEWUSER)} to a process without
 * {@code CAP_SYS_ADMIN}, and on a host with AppArmor its {@code docker-default} profile
 * refuses the mounts rootlesskit makes. {@code newuidmap} and {@code newgidmap}, which
 * map the job user's subordinate ids, get their privilege from file capabilities (or
 * setuid), and {@code no-new-privileges} ignores both. Pure.
 */
public final class BuilderRequirements {

	private BuilderRequirements() {
	}

	/** One sentence per problem; empty when the options let the builder run. */
	public static List<String> problems(Builder builder, List<String> securityOptions) {
		List<String> problems = new ArrayList<>();
		String name = builder.name().toLowerCase(Locale.ROOT);
		if (!has(securityOptions, "seccomp", "unconfined")) {
			problems.add("wm.runners.builder=" + name + " runs in a user namespace, which Docker's default seccomp "
					+ "profile refuses: add seccomp:unconfined (or a profile that allows unshare) to "
					+ "wm.runners.build-security-options.");
		}
		if (builder == Builder.BUILDKIT && !has(securityOptions, "apparmor", "unconfined")) {
			problems.add("wm.runners.builder=buildkit: on a Docker host with AppArmor, docker-default refuses "
					+ "rootlesskit's mounts: add apparmor:unconfined to wm.runners.build-security-options.");
		}
		if (securityOptions.stream().anyMatch(BuilderRequirements::isNoNewPrivileges)) {
			problems.add((builder == Builder.BUILDKIT)
					? "wm.runners.builder=buildkit cannot work with no-new-privileges: newuidmap and newgidmap lose "
							+ "their file capabilities, and rootlesskit fails with 'failed to setup UID/GID map'. "
							+ "Remove it from wm.runners.build-security-options."
					: "wm.runners.builder=buildah under no-new-privileges maps only the job user into its user "
							+ "namespace: RUN steps that change owners (package installs) fail. Remove it from "
							+ "wm.runners.build-security-options.");
		}
		return problems;
	}

	/**
	 * {@code name:value} or {@code name=value}, as Docker and gitlab-runner take both.
	 */
	private static boolean has(List<String> options, String name, String value) {
		return options.stream()
			.map((option) -> option.strip().toLowerCase(Locale.ROOT))
			.anyMatch((option) -> option.equals(name + ":" + value) || option.equals(name + "=" + value));
	}

	private static boolean isNoNewPrivileges(String option) {
		String normal = option.strip().toLowerCase(Locale.ROOT).replace('=', ':');
		return normal.equals("no-new-privileges") || normal.equals("no-new-privileges:true");
	}

}
