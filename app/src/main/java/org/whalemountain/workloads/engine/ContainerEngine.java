package org.whalemountain.workloads.engine;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs containers somewhere: Docker today, Kubernetes later. Shaped as
 * spring-cloud-deployer's {@code AppDeployer} (deploy, undeploy, status with a state) and
 * a spawner's start, stop and poll: {@link #run} makes a container from a spec and starts
 * it, pulling its image inside the engine; {@link #stop}, {@link #start} and
 * {@link #remove} act on it; {@link #inspect} answers its {@link ContainerState}. Every
 * method blocks until the engine has answered. Implementations throw
 * {@link EngineUnavailableException} when the engine cannot be reached,
 * {@link EngineBusyException} (a kind of it) when every connection to the engine stayed
 * in use for longer than they wait for one, {@link ContainerNotFoundException} for an
 * unknown container id and {@link ImageNotFoundException} when an image cannot be pulled.
 * No library type and no word of one engine appears here.
 */
public interface ContainerEngine {

	/** {@code docker} or {@code kubernetes}: what users choose with {@code "engine"}. */
	String name();

	/**
	 * Whether the engine answers a cheap probe now (a ping on Docker), for a status
	 * answer that must not make a real call that throws. Never throws; blocks for a few
	 * seconds at most, however the engine hangs.
	 */
	boolean answers();

	/**
	 * Whether {@link #run} would start this image without downloading it first, so that a
	 * launch may answer with a running container rather than a pending one. A hint:
	 * {@code false} is always safe, and engines that cannot tell answer it.
	 */
	boolean hasImage(String image);

	/**
	 * Pulls the image if the engine lacks it, reporting progress as it goes, then makes
	 * the container and starts it, with the spec's files in place before its process
	 * starts. Blocks until the container was started (an engine whose containers start
	 * later answers them {@link ContainerState#PENDING} meanwhile). On failure nothing is
	 * left on the engine.
	 * @param credentials for the image's registry, or {@code null} for anonymous pulls;
	 * never logged
	 * @param progress told how far a pull got; not called when no pull is needed. The
	 * report of 100 comes before anything is made, on the caller's thread: a caller that
	 * no longer wants the container throws from it, and the run ends with that exception,
	 * leaving nothing
	 * @throws ImageNotFoundException if the image cannot be pulled, with the reason
	 * @throws ContainerNameTakenException if a container with this name exists
	 * @throws HostPortTakenException if a requested public port is already bound
	 */
	StartedContainer run(ContainerSpec spec, RegistryCredentials credentials, Consumer<PullProgress> progress);

	/**
	 * Starts a stopped container again; starting a running one does nothing. An engine
	 * that cannot keep a stopped container makes it again from the spec it was run with.
	 * @throws HostPortTakenException if a public port was taken meanwhile
	 */
	void start(String containerId);

	/**
	 * Stops gracefully, killing after {@code grace}; stopping a stopped one does nothing.
	 */
	void stop(String containerId, Duration grace);

	/** Removes the container, running or not; removing an unknown one does nothing. */
	void remove(String containerId);

	/** The container now, or empty if the engine no longer has it. */
	Optional<ContainerInfo> inspect(String containerId);

	/**
	 * The container's state now; {@link ContainerState#GONE} once the engine lacks it.
	 */
	default ContainerState state(String containerId) {
		return inspect(containerId).map(ContainerInfo::state).orElse(ContainerState.GONE);
	}

	/** Every container, running or not, that carries all of these labels. */
	List<ContainerInfo> list(Map<String, String> labels);

	/**
	 * Runs a command in a running container and waits for it, until it ends or its
	 * timeout. Once the engine has ended the command's output, its exit code is waited
	 * for a few seconds only: a command still running then has closed its output early
	 * and is abandoned, as a timed-out one is.
	 * @param timeout the command is abandoned after this (exit code {@code null} then)
	 * @param outputLimit bytes kept of stdout and of stderr each; the rest is dropped and
	 * {@link ExecResult#truncated()} set
	 */
	ExecResult exec(String containerId, List<String> command, Duration timeout, int outputLimit);

	/**
	 * Starts an interactive command with a pseudo-terminal in a running container and
	 * returns once it runs. Output (stdout and stderr merged, as a terminal shows them)
	 * goes to {@code output} on a thread of the engine's; when the process has ended or
	 * the connection broke, {@code ended} runs once on such a thread, after the last
	 * output.
	 * @param columns the terminal's initial width, at least 1
	 * @param rows the terminal's initial height, at least 1
	 * @throws ContainerNotRunningException if the container is stopped
	 */
	TerminalSession openTerminal(String containerId, List<String> command, int columns, int rows,
			Consumer<byte[]> output, Runnable ended);

	/**
	 * Unpacks a tar stream into a directory of the running container (which must exist).
	 * The files belong to the container's user, as if its process had written them,
	 * whatever owner the tar names. Entries are otherwise taken as given: callers build
	 * safe tars.
	 */
	void putFiles(String containerId, String directory, InputStream tar);

	/** The last {@code tail} lines of stdout and stderr, interleaved as written. */
	String logs(String containerId, int tail);

	/**
	 * How each guest port of the container is reached from outside: a host and port, a
	 * URL or a port-forward command; empty for an unknown container.
	 */
	default List<Endpoint> endpoints(String containerId) {
		return inspect(containerId).map(ContainerInfo::endpoints).orElse(List.of());
	}

	/**
	 * The namespace this engine keeps the owner's containers in, on an engine that has
	 * namespaces (Kubernetes); empty on one that has not (Docker). A workload that starts
	 * further containers itself, such as a CI runner, must name it to keep them there.
	 * Computes a name; connects to nothing.
	 */
	default Optional<String> namespaceOf(String owner) {
		return Optional.empty();
	}

}
