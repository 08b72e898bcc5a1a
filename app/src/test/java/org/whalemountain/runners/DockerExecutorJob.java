package org.whalemountain.runners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Runs one job of a served {@code .gitlab-ci.yml} the way gitlab-runner's docker executor
 * runs it, since gitlab-runner itself cannot be built on the test machines: the job's
 * image (never pulled), the runner's {@code config.toml} as the service rendered it (its
 * environment, job user, security options, network, extra hosts, CPU and memory limits),
 * GitLab's predefined variables, then the job's own {@code variables:} (which win, as in
 * GitLab), the project checked out under {@code /builds/<project path>} as the working
 * directory, and the job's {@code script:} lines in one shell that stops at the first
 * failing line ({@link ServedJob}). A job whose {@code rules:} leave it out of the
 * pipeline is not run, as GitLab would never hand it to a runner ({@link JobRules}). What
 * it leaves out: the helper container (clone, cache, artifacts), services.
 */
final class DockerExecutorJob {

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private final TomlTable runner;

	private final ServedJob job;

	DockerExecutorJob(String configToml, ServedJob job) {
		TomlParseResult config = Toml.parse(configToml);
		if (config.hasErrors()) {
			throw new IllegalArgumentException("config.toml does not parse: " + config.errors());
		}
		this.runner = config.getArray("runners").getTable(0);
		this.job = job;
	}

	/**
	 * Runs the job on {@code project} (a directory: the checked-out repository) for
	 * {@code commit} in {@code pipeline}; waits until the job ends. A job the pipeline's
	 * rules leave out is not run: its result says it was not created.
	 */
	Result run(Path project, String projectPath, String commit, Pipeline pipeline) {
		Map<String, String> predefined = new LinkedHashMap<>(pipeline.variables(projectPath, commit));
		predefined.put("CI_JOB_NAME", this.job.name());
		// GitLab decides when it creates the pipeline, from its own and the job's
		// variables: the runner's environment is not known yet
		Map<String, String> known = new LinkedHashMap<>(predefined);
		known.putAll(this.job.variables());
		if (!this.job.rules().addsJob(known)) {
			return Result.NOT_CREATED;
		}
		Map<String, String> variables = new LinkedHashMap<>(predefined);
		for (Object entry : this.runner.getArrayOrEmpty("environment").toList()) {
			String pair = (String) entry;
			variables.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
		}
		variables.putAll(this.job.variables());
		return start(project, variables.get("CI_PROJECT_DIR"), variables);
	}

	private Result start(Path project, String projectDir, Map<String, String> variables) {
		TomlTable docker = this.runner.getTable("docker");
		try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(this.job.image()))) {
			container.withImagePullPolicy(neverPull())
				.withNetworkMode(docker.getString("network_mode"))
				.withEnv(variables)
				.withWorkingDirectory(projectDir)
				.withCopyToContainer(MountableFile.forHostPath(project, 0755), projectDir)
				.withCopyToContainer(Transferable.of(this.job.script(), 0755), "/tmp/job-script.sh")
				.withStartupCheckStrategy(new UntilExited())
				.withCreateContainerCmdModifier((command) -> {
					// gitlab-runner's shell detection, with the job's entrypoint: [""]
					command.withEntrypoint("sh", "-c",
							"if [ -x /bin/bash ]; then exec /bin/bash /tmp/job-script.sh; fi; exec sh /tmp/job-script.sh");
					command.withCmd(List.of());
					command.withUser(docker.getString("user"));
					command.getHostConfig()
						.withSecurityOpts(strings(docker.getArrayOrEmpty("security_opt")))
						.withExtraHosts(strings(docker.getArrayOrEmpty("extra_hosts")).toArray(String[]::new))
						.withPrivileged(docker.getBoolean("privileged"))
						.withNanoCPUs((long) (Double.parseDouble(docker.getString("cpus")) * 1_000_000_000L))
						.withMemory(bytes(docker.getString("memory")));
				});
			container.start();
			InspectContainerResponse.ContainerState state = container.getCurrentContainerInfo().getState();
			Result result = new Result(true, state.getExitCodeLong().intValue(), container.getLogs());
			keep(result, variables.get("CI_COMMIT_SHORT_SHA"));
			return result;
		}
	}

	/**
	 * Keeps the job log beside the test reports, as a job page would show it: the first
	 * thing to read when a build fails in CI.
	 */
	private void keep(Result result, String shortSha) {
		try {
			Path dir = Files.createDirectories(Path.of("target", "ci-jobs"));
			Files.writeString(dir.resolve(this.job.name() + "-" + shortSha + ".log"),
					result.log() + "\nexit code " + result.exitCode() + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long bytes(String memory) {
		char unit = Character.toLowerCase(memory.charAt(memory.length() - 1));
		long factor = switch (unit) {
			case 'k' -> 1L << 10;
			case 'm' -> 1L << 20;
			case 'g' -> 1L << 30;
			default -> 1;
		};
		return Long.parseLong(Character.isDigit(unit) ? memory : memory.substring(0, memory.length() - 1)) * factor;
	}

	private static List<String> strings(TomlArray array) {
		List<String> strings = new ArrayList<>();
		for (Object item : array.toList()) {
			strings.add((String) item);
		}
		return strings;
	}

	/**
	 * Job images are built on the test machine: a missing one is an error, not a pull.
	 */
	private static ImagePullPolicy neverPull() {
		return (image) -> false;
	}

	/**
	 * How the job ended, and everything it printed; or that the pipeline's rules never
	 * created it.
	 */
	record Result(boolean created, int exitCode, String log) {

		static final Result NOT_CREATED = new Result(false, -1, "");

	}

	/** The job has "started" once it has ended, whatever its exit code. */
	private static final class UntilExited extends StartupCheckStrategy {

		UntilExited() {
			withTimeout(TIMEOUT);
		}

		@Override
		public StartupStatus checkStartupState(DockerClient client, String containerId) {
			InspectContainerResponse.ContainerState state = getCurrentState(client, containerId);
			return Boolean.TRUE.equals(state.getRunning()) ? StartupStatus.NOT_YET_KNOWN : StartupStatus.SUCCESSFUL;
		}

	}

}
