package org.whalemountain.workloads.docker;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;

import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerInfo;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.ExecResult;
import org.whalemountain.workloads.engine.PullProgress;
import org.whalemountain.workloads.engine.RegistryCredentials;
import org.whalemountain.workloads.engine.TerminalSession;

/**
 * The {@link ContainerEngine} on a Docker Engine, through docker-java. What to create is
 * computed by {@link DockerCreateCommands}, what Docker reports is read by
 * {@link DockerContainerInfos}, and failures are translated by {@link DockerFailures};
 * this class only makes the calls. Thread-safe.
 */
final class DockerContainerEngine implements ContainerEngine {

	private final DockerClient client;

	private final DockerClient probes;

	private final DockerFailures failures;

	private final DockerExec exec;

	private final DockerFiles files;

	private final DockerImages images;

	private final DockerNetworks networks;

	private final DockerTerminals terminals;

	private final DockerProperties.Logs logs;

	DockerContainerEngine(Clients clients, DockerProperties properties) {
		this.client = clients.calls();
		this.probes = clients.probes();
		this.failures = new DockerFailures(properties.host());
		this.exec = new DockerExec(clients.calls(), clients.commands(), this.failures);
		this.files = new DockerFiles(clients.calls(), this.failures);
		this.terminals = new DockerTerminals(clients.terminals(), this.failures);
		this.images = new DockerImages(clients.calls(), this.failures);
		this.networks = new DockerNetworks(clients.calls(), this.failures);
		this.logs = properties.logs();
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
	public String create(ContainerSpec spec) {
		try {
			return DockerCreateCommands.fill(this.client.createContainerCmd(spec.image()), spec, this.logs)
				.exec()
				.getId();
		}
		catch (RuntimeException ex) {
			throw this.failures.create(spec.name(), spec.image(), ex);
		}
	}

	@Override
	public void start(String containerId) {
		try {
			this.client.startContainerCmd(containerId).exec();
		}
		catch (NotModifiedException ex) {
			// already running
		}
		catch (RuntimeException ex) {
			throw this.failures.container(containerId, "start container " + containerId, ex);
		}
	}

	@Override
	public void stop(String containerId, Duration grace) {
		int seconds = (int) Math.min(Integer.MAX_VALUE, Math.max(0, (grace.toMillis() + 999) / 1000));
		try {
			this.client.stopContainerCmd(containerId).withTimeout(seconds).exec();
		}
		catch (NotModifiedException ex) {
			// already stopped
		}
		catch (RuntimeException ex) {
			throw this.failures.container(containerId, "stop container " + containerId, ex);
		}
	}

	@Override
	public void remove(String containerId) {
		try {
			this.client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
		}
		catch (NotFoundException ex) {
			// gone already
		}
		catch (ConflictException ex) {
			if (!DockerFailures.detail(ex).contains("already in progress")) {
				throw this.failures.container(containerId, "remove container " + containerId, ex);
			}
		}
		catch (RuntimeException ex) {
			throw this.failures.container(containerId, "remove container " + containerId, ex);
		}
	}

	@Override
	public Optional<ContainerInfo> inspect(String containerId) {
		try {
			return Optional.of(DockerContainerInfos.from(this.client.inspectContainerCmd(containerId).exec()));
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			throw this.failures.container(containerId, "inspect container " + containerId, ex);
		}
	}

	/** Inspects each container found, so that list and inspect report alike. */
	@Override
	public List<ContainerInfo> list(Map<String, String> labels) {
		List<Container> found;
		try {
			found = this.client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
		}
		catch (RuntimeException ex) {
			throw this.failures.other("list containers", ex);
		}
		// one removed meanwhile is simply left out
		return found.stream().map((container) -> inspect(container.getId())).flatMap(Optional::stream).toList();
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
	public void copyIn(String containerId, String directory, InputStream tar) {
		this.files.copyIn(containerId, directory, tar);
	}

	@Override
	public String logs(String containerId, int tail) {
		return this.files.logs(containerId, tail);
	}

	@Override
	public boolean imagePresent(String image) {
		return this.images.present(image);
	}

	@Override
	public void pull(String image, RegistryCredentials credentials, Consumer<PullProgress> progress) {
		this.images.pull(image, credentials, progress);
	}

	@Override
	public String ensureNetwork(String name, Map<String, String> labels) {
		return this.networks.ensure(name, labels);
	}

	@Override
	public void removeNetwork(String name) {
		this.networks.remove(name);
	}

}
