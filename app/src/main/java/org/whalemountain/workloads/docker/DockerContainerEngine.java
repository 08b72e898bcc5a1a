package org.whalemountain.workloads.docker;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;

import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.ExecResult;
import org.whalemountain.workloads.engine.PullProgress;
import org.whalemountain.workloads.engine.RegistryCredentials;
import org.whalemountain.workloads.engine.StartedContainer;
import org.whalemountain.workloads.engine.TerminalSession;

/**
 * The {@link ContainerEngine} on a Docker Engine, through docker-java. Running a spec is
 * {@link DockerRuns} (what to create is computed by {@link DockerCreateCommands}), the
 * life cycle calls are {@link DockerContainers}, what Docker reports is read by
 * {@link DockerContainerInfos}, and failures are translated by {@link DockerFailures};
 * this class only hands each call on. Thread-safe.
 */
final class DockerContainerEngine implements ContainerEngine {

	private final DockerRuns runs;

	private final DockerContainers containers;

	private final DockerClient probes;

	private final DockerExec exec;

	private final DockerFiles files;

	private final DockerImages images;

	private final DockerTerminals terminals;

	DockerContainerEngine(Clients clients, DockerProperties properties, DockerHost host) {
		DockerFailures failures = new DockerFailures(properties.host());
		this.probes = clients.probes();
		this.exec = new DockerExec(clients.calls(), clients.commands(), failures);
		this.files = new DockerFiles(clients.calls(), failures);
		this.terminals = new DockerTerminals(clients.terminals(), failures);
		this.images = new DockerImages(clients.calls(), failures);
		this.containers = new DockerContainers(clients.calls(), failures);
		this.runs = new DockerRuns(clients.calls(), failures, this.images,
				new DockerNetworks(clients.calls(), failures), this.files, this.containers, host);
	}

	/**
	 * The clients to one dockerd, each with connections of its own (see
	 * {@link DockerProperties.Connections}).
	 *
	 * @param calls for ordinary calls
	 * @param commands for the output streams of commands run in containers
	 * @param terminals for terminals, whose response timeout a quiet terminal does not
	 * run into
	 * @param probes for {@link #answers()}, with short timeouts
	 */
	record Clients(DockerClient calls, DockerClient commands, DockerClient terminals, DockerClient probes) {
	}

	@Override
	public String name() {
		return "docker";
	}

	@Override
	public boolean answers() {
		try {
			this.probes.pingCmd().exec();
			return true;
		}
		catch (RuntimeException ex) {
			// down, refused, timed out or busy: to a status answer all of them mean "not
			// up"
			return false;
		}
	}

	@Override
	public boolean hasImage(String image) {
		return this.images.present(image);
	}

	@Override
	public StartedContainer run(ContainerSpec spec, RegistryCredentials credentials, Consumer<PullProgress> progress) {
		return this.runs.run(spec, credentials, progress);
	}

	@Override
	public void start(String containerId) {
		this.containers.start(containerId);
	}

	@Override
	public void stop(String containerId, Duration grace) {
		this.containers.stop(containerId, grace);
	}

	@Override
	public void remove(String containerId) {
		this.containers.remove(containerId);
	}

	@Override
	public Optional<ContainerInfo> inspect(String containerId) {
		return this.containers.inspect(containerId);
	}

	@Override
	public List<ContainerInfo> list(Map<String, String> labels) {
		return this.containers.list(labels);
	}

	@Override
	public ExecResult exec(String containerId, List<String> command, Duration timeout, int outputLimit) {
		return this.exec.run(containerId, command, timeout, outputLimit);
	}

	@Override
	public TerminalSession openTerminal(String containerId, List<String> command, int columns, int rows,
			Consumer<byte[]> output, Runnable ended) {
		return this.terminals.open(containerId, command, columns, rows, output, ended);
	}

	@Override
	public void putFiles(String containerId, String directory, InputStream tar) {
		this.files.copyIn(containerId, directory, tar);
	}

	@Override
	public String logs(String containerId, int tail) {
		return this.files.logs(containerId, tail);
	}

}
