package org.whalemountain.workloads.engine;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs containers somewhere: Docker today, Kubernetes later. Every method blocks until
 * the engine has answered. Implementations throw {@link EngineUnavailableException} when
 * the engine cannot be reached, {@link EngineBusyException} (a kind of it) when every
 * connection to the engine stayed in use for longer than they wait for one,
 * {@link ContainerNotFoundException} for an unknown container id and
 * {@link ImageNotFoundException} when an image is neither present nor pullable. No
 * library type appears here.
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
	 * Creates a container (not started). The image must be present ({@link #pull}).
	 * Returns only the id: reading the container back costs every launch of a class-start
	 * burst one more engine round trip; {@link #inspect} when more is needed.
	 * @return the new container's id
	 * @throws ContainerNameTakenException if a container with this name exists
	 * @throws HostPortTakenException if a requested host port is already bound
	 */
	String create(ContainerSpec spec);

	/**
	 * Starts a created or stopped container; starting a running one does nothing.
	 * @throws HostPortTakenException if a host port was taken meanwhile
	 */
	void start(String containerId);

	/**
	 * Stops gracefully, killing after {@code grace}; stopping a stopped one does nothing.
	 */
	void stop(String containerId, Duration grace);

	/** Removes the container, running or not; removing an unknown one does nothing. */
	void remove(String containerId);

	/** The container's current state, or empty if it does not exist. */
	Optional<ContainerInfo> inspect(String containerId);

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
	 * Unpacks a tar stream into a directory of the container (which must exist). The
	 * files belong to the container's user, as if its process had written them, whatever
	 * owner the tar names. Entries are otherwise taken as given: callers build safe tars.
	 */
	void copyIn(String containerId, String directory, InputStream tar);

	/** The last {@code tail} lines of stdout and stderr, interleaved as written. */
	String logs(String containerId, int tail);

	/** Whether the image is present on the engine. */
	boolean imagePresent(String image);

	/**
	 * Pulls an image, reporting progress as it goes.
	 * @param credentials registry credentials, or {@code null} for anonymous pulls
	 */
	void pull(String image, RegistryCredentials credentials, Consumer<PullProgress> progress);

	/**
	 * Makes sure a network of this name exists (a bridge on Docker).
	 * @return the network's id
	 */
	String ensureNetwork(String name, Map<String, String> labels);

	/** Removes a network; removing an unknown one does nothing. */
	void removeNetwork(String name);

}
