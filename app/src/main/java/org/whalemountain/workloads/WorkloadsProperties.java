package org.whalemountain.workloads;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * User container lending ({@code wm.workloads.*}); every property is in the operator
 * guide.
 *
 * @param hostAddress the host address published ports bind to
 * @param minHostPort lowest host port handed out
 * @param maxHostPort highest host port handed out
 * @param maxPortsPerContainer guest ports one container may publish
 * @param nanoCpus CPU limit of one container, in billionths of a CPU
 * @param memoryBytes memory limit of one container
 * @param pids process limit of one container
 * @param quota per-user limits
 * @param exec limits of commands run in containers
 * @param upload limits of file uploads
 * @param terminal limits of browser terminals
 * @param images which images besides the catalogue's users may launch
 * @param reconcileInterval how often lent containers are compared with the database
 * @param orphanGrace how long a labelled container without a row is kept before it is
 * removed
 * @param pull background pulls of images the Docker host lacks
 * @param homeMount the user's own data directory in every container, if configured
 */
@Validated
@ConfigurationProperties("wm.workloads")
public record WorkloadsProperties(@NotBlank @DefaultValue("127.0.0.1") String hostAddress,
		@Min(1) @Max(65535) @DefaultValue("49152") int minHostPort,
		@Min(1) @Max(65535) @DefaultValue("65535") int maxHostPort,
		@Min(0) @DefaultValue("10") int maxPortsPerContainer, @Min(0) @DefaultValue("1000000000") long nanoCpus,
		@Min(0) @DefaultValue("536870912") long memoryBytes, @Min(0) @DefaultValue("256") long pids,
		@Valid @NotNull @DefaultValue Quota quota, @Valid @NotNull @DefaultValue Exec exec,
		@Valid @NotNull @DefaultValue Upload upload, @Valid @NotNull @DefaultValue TerminalLimits terminal,
		@Valid @NotNull @DefaultValue ImageRules images, @NotNull @DefaultValue("PT1M") Duration reconcileInterval,
		@NotNull @DefaultValue("PT10M") Duration orphanGrace, @Valid @NotNull @DefaultValue Pull pull,
		@Valid @NotNull @DefaultValue HomeMountSettings homeMount) {

	/**
	 * @param threads pulls that run at once; further launches wait in line
	 * @param staleAfter a pulling launch whose progress has not moved for this long, and
	 * that no running instance works on, is failed (a pull cut short by a restart)
	 */
	public record Pull(@Min(1) @Max(64) @DefaultValue("2") int threads,
			@NotNull @DefaultValue("PT5M") Duration staleAfter) {
	}

	/**
	 * The user's own data directory, bound read-write into each of the user's containers,
	 * whose process then runs as the user's LDAP uidNumber:gidNumber. {@code {user}}
	 * stands for the username.
	 *
	 * @param source a directory on the Docker host, e.g. {@code /srv/wm-home/{user}};
	 * empty (the default) mounts nothing
	 * @param target where it appears in the container; also {@code HOME}
	 */
	public record HomeMountSettings(@DefaultValue("") String source, @DefaultValue("/home/{user}") String target) {

		public HomeMountSettings {
			if (!source.isEmpty()) {
				requireTemplate("wm.workloads.home-mount.source", source, true);
			}
			requireTemplate("wm.workloads.home-mount.target", target, false);
		}

		/** Whether a home directory is mounted at all. */
		public boolean enabled() {
			return !this.source.isEmpty();
		}

		/**
		 * {@code {user}} in the source keeps one user's directory apart from another's.
		 */
		private static void requireTemplate(String property, String template, boolean needsUser) {
			boolean dotted = Arrays.stream(template.split("/")).anyMatch((part) -> part.equals(".."));
			if (!template.startsWith("/") || dotted || (needsUser && !template.contains("{user}"))) {
				throw new IllegalArgumentException(property + " must be an absolute path without '..'"
						+ (needsUser ? " that contains {user}, e.g. /srv/wm-home/{user}" : "") + "; it is '" + template
						+ "'");
			}
		}

	}

	/**
	 * @param maxContainers containers one user may have at once
	 * @param maxMemoryBytes sum of memory limits of one user's containers
	 */
	public record Quota(@Min(0) @DefaultValue("5") int maxContainers,
			@Min(0) @DefaultValue("4294967296") long maxMemoryBytes) {
	}

	/**
	 * @param timeout timeout of a command when the caller names none
	 * @param maxTimeout the longest timeout a caller may ask for
	 * @param outputLimitBytes bytes of stdout and of stderr each kept
	 * @param maxPerUser commands one user may have running at once (on one instance); one
	 * more is answered with 429 and {@code Retry-After}
	 */
	public record Exec(@NotNull @DefaultValue("PT30S") Duration timeout,
			@NotNull @DurationMin(seconds = 1) @DefaultValue("PT5M") Duration maxTimeout,
			@Min(1) @DefaultValue("1048576") int outputLimitBytes, @Min(1) @DefaultValue("4") int maxPerUser) {
	}

	/**
	 * @param maxBytes the largest file a user may upload into a container
	 */
	public record Upload(@Min(1) @DefaultValue("10485760") int maxBytes) {
	}

	/**
	 * @param idleTimeout a terminal that shows nothing for this long is closed: output
	 * counts, typing through its echo, input alone does not
	 * @param maxPerUser terminals one user may have open at once
	 */
	public record TerminalLimits(
			@NotNull @DurationMin(seconds = 1) @DurationMax(hours = 24) @DefaultValue("PT15M") Duration idleTimeout,
			@Min(1) @DefaultValue("5") int maxPerUser) {
	}

	/**
	 * Which images users may launch besides the catalogue's. Patterns ({@code *} matches
	 * any run of characters) are matched against normalised names
	 * ({@code docker.io/library/python:3}), denied first.
	 *
	 * @param registries registry hosts, besides the service's own, that launches may pull
	 * from; a reference to any other is refused before anything is pulled
	 * @param allowed references users may launch; empty allows every one not denied
	 * @param denied references nobody may launch
	 */
	public record ImageRules(@NotNull @DefaultValue("docker.io") List<String> registries,
			@DefaultValue List<String> allowed, @DefaultValue List<String> denied) {
	}

}
