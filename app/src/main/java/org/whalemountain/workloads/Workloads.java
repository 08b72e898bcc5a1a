package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerEngines;
import org.whalemountain.workloads.engine.EngineException;
import org.whalemountain.workloads.engine.ExecResult;
import org.whalemountain.workloads.events.CommandExecuted;
import org.whalemountain.workloads.events.ContainerDeleted;
import org.whalemountain.workloads.events.ContainerLaunched;
import org.whalemountain.workloads.events.ContainerStarted;
import org.whalemountain.workloads.events.ContainerStopped;
import org.whalemountain.workloads.events.FileUploaded;
import org.whalemountain.workloads.launch.Launches;
import org.whalemountain.workloads.launch.LaunchInputs;
import org.whalemountain.workloads.terminal.Terminals;
import org.whalemountain.workloads.store.ContainerStore;
import org.whalemountain.workloads.store.ContainerRecord;
import org.whalemountain.workloads.store.HostPorts;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.platform.ConflictException;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;

/**
 * The workloads module's entry: containers lent to users. Every method acts on the
 * caller's own containers only; another user's container, admins' included, looks like
 * one that does not exist. Every method blocks until the engine has answered.
 *
 * @see ContainerEngine for the engine failures behind the 503 answers
 */
@Service
public class Workloads {

	private static final Duration STOP_GRACE = Duration.ofSeconds(10);

	private final ContainerEngines engines;

	private final ContainerStore store;

	private final HostPorts hostPorts;

	private final Launches launches;

	private final WorkloadsProperties properties;

	private final Terminals terminals;

	private final CommandSlots commandSlots;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	Workloads(ContainerEngines engines, ContainerStore store, HostPorts hostPorts, Launches launches,
			WorkloadsProperties properties, Terminals terminals, CommandSlots commandSlots,
			ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
		this.engines = engines;
		this.store = store;
		this.hostPorts = hostPorts;
		this.launches = launches;
		this.properties = properties;
		this.terminals = terminals;
		this.commandSlots = commandSlots;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Launches and starts a container {@code <user>-<name>}. Checks all input, Docker and
	 * the image and reserves the host ports before it answers. An image the Docker host
	 * has is started at once ({@code running}; on failure nothing is left); any other is
	 * pulled in the background ({@code pulling}, then {@code running} or {@code failed}
	 * with the reason and no host port held).
	 * @throws InvalidInputException for bad input, an image that is not allowed, or a
	 * home mount for a user without uidNumber and gidNumber
	 * @throws ConflictException for a taken name, an exceeded quota or no free host port
	 * @throws org.whalemountain.platform.UnavailableException when Docker is down
	 */
	public ContainerView launch(String username, LaunchRequest request, String sourceAddress) {
		ContainerRecord row = this.launches.launch(username, request);
		ContainerView view = view(row, row.status());
		publish(new ContainerLaunched(username, row.id(), row.name(), row.image(), row.engine(), view.ports(),
				sourceAddress, this.clock.instant()));
		return view;
	}

	/** The user's containers, each with its live status. */
	public List<ContainerView> list(String username) {
		return this.store.of(username).stream().map((row) -> view(row, liveStatus(row))).toList();
	}

	/**
	 * @throws NotFoundException unless the user owns this container
	 */
	public ContainerView get(String username, long id) {
		ContainerRecord row = owned(username, id);
		return view(row, liveStatus(row));
	}

	/** Starts a stopped container; its host ports are still reserved for it. */
	public ContainerView start(String username, long id, String sourceAddress) {
		ContainerRecord row = owned(username, id).engineBacked();
		EngineCalls.run(() -> engineOf(row).start(row.containerId()));
		publish(new ContainerStarted(username, id, row.name(), sourceAddress, this.clock.instant()));
		return view(row, liveStatus(row));
	}

	/** Stops a container gracefully; it keeps its host ports. */
	public ContainerView stop(String username, long id, String sourceAddress) {
		ContainerRecord row = owned(username, id).engineBacked();
		EngineCalls.run(() -> engineOf(row).stop(row.containerId(), STOP_GRACE));
		publish(new ContainerStopped(username, id, row.name(), sourceAddress, this.clock.instant()));
		return view(row, liveStatus(row));
	}

	/** Stops and removes the container, then frees its host ports. */
	public void delete(String username, long id, String sourceAddress) {
		ContainerRecord row = owned(username, id);
		if (row.containerId() != null) {
			EngineCalls.run(() -> engineOf(row).remove(row.containerId()));
		}
		this.transaction.executeWithoutResult((status) -> {
			this.store.delete(id);
			this.events
				.publishEvent(new ContainerDeleted(username, id, row.name(), sourceAddress, this.clock.instant()));
		});
	}

	/**
	 * Runs a command in the running container.
	 * @throws InvalidInputException for an empty command or a timeout above the maximum
	 * @throws org.whalemountain.platform.TooManyRequestsException if the user has
	 * {@code wm.workloads.exec.max-per-user} commands running
	 */
	public ExecResult exec(String username, long id, ExecRequest request, String sourceAddress) {
		ContainerRecord row = owned(username, id);
		List<String> command = LaunchInputs.command(request.command());
		Duration timeout = request.timeout(this.properties.exec());
		requireRunning(row);
		ExecResult result;
		try (CommandSlots.Slot slot = this.commandSlots.take(username)) {
			result = EngineCalls.call(() -> engineOf(row).exec(row.containerId(), command, timeout,
					this.properties.exec().outputLimitBytes()));
		}
		publish(new CommandExecuted(username, id, row.name(), command, result.exitCode(), sourceAddress,
				this.clock.instant()));
		return result;
	}

	/** The last {@code tail} lines of the container's output. */
	public String logs(String username, long id, int tail) {
		ContainerRecord row = owned(username, id).engineBacked();
		if (tail < 1 || tail > 10_000) {
			throw new InvalidInputException("invalid-tail", "tail", "tail is a number of lines from 1 to 10000.");
		}
		return EngineCalls.call(() -> engineOf(row).logs(row.containerId(), tail));
	}

	/**
	 * Copies one file into an existing directory of the running container.
	 * @throws InvalidInputException for a name or path that could escape the directory,
	 * or a file above the configured size
	 */
	public void upload(String username, long id, String fileName, String directory, byte[] content,
			String sourceAddress) {
		ContainerRecord row = owned(username, id);
		String name = UploadTars.fileName(fileName);
		String path = UploadTars.directory(directory);
		if (content.length > this.properties.upload().maxBytes()) {
			throw new InvalidInputException("file-too-large", "file", "A file may have at most "
					+ this.properties.upload().maxBytes() + " bytes (wm.workloads.upload.max-bytes).");
		}
		requireRunning(row);
		try {
			EngineCalls.run(() -> engineOf(row).copyIn(row.containerId(), path,
					new ByteArrayInputStream(UploadTars.tar(name, content))));
		}
		catch (EngineException ex) {
			throw new InvalidInputException("upload-failed", "path",
					"The file could not be written to " + path + "; is it an existing directory?");
		}
		publish(new FileUploaded(username, id, row.name(), path + "/" + name, content.length, sourceAddress,
				this.clock.instant()));
	}

	/**
	 * Opens a shell (bash if the image has it, else sh) with a terminal of this size in
	 * the running container; output and the end go to the listener.
	 * @throws ConflictException if the container is not running or the user has
	 * {@code wm.workloads.terminal.max-per-user} terminals open
	 * @throws InvalidInputException for a size outside 1 to 1000
	 */
	public Terminal openTerminal(String username, long id, int columns, int rows, TerminalListener listener,
			String sourceAddress) {
		ContainerRecord row = owned(username, id);
		requireRunning(row);
		return this.terminals.open(row, columns, rows, listener, sourceAddress);
	}

	/**
	 * Module listeners hear only of events published in a transaction, so that an event
	 * is recorded for redelivery together with what it reports.
	 */
	private void publish(Object event) {
		this.transaction.executeWithoutResult((status) -> this.events.publishEvent(event));
	}

	private void requireRunning(ContainerRecord row) {
		if (!"running".equals(liveStatus(row))) {
			throw new ConflictException("container-not-running", "The container is not running; start it first.");
		}
	}

	private ContainerRecord owned(String username, long id) {
		return this.store.find(id)
			.filter((row) -> row.owner().equals(username))
			.orElseThrow(() -> new NotFoundException("container-not-found", "You have no container " + id + "."));
	}

	/**
	 * What the engine says now; what the row says when there is nothing to ask, or when
	 * the container's engine is not enabled, so that one such container does not keep a
	 * user from seeing the others (acting on it answers {@code engine-unavailable}).
	 */
	private String liveStatus(ContainerRecord row) {
		if (row.containerId() == null || ContainerStore.GONE.equals(row.status())
				|| !this.engines.isEnabled(row.engine())) {
			return row.status();
		}
		return EngineCalls.call(() -> engineOf(row).inspect(row.containerId()))
			.map((info) -> info.status().name().toLowerCase(java.util.Locale.ROOT))
			.orElse("missing");
	}

	/** The engine the container was launched on, which need not be today's default. */
	private ContainerEngine engineOf(ContainerRecord row) {
		return this.engines.named(row.engine());
	}

	private ContainerView view(ContainerRecord row, String status) {
		boolean pulling = ContainerStore.PULLING.equals(status);
		return new ContainerView(row.id(), row.name(), row.image(), row.engine(), row.containerId(), row.networkId(),
				status, this.hostPorts.of(row.id()), row.createdAt(),
				pulling ? Objects.requireNonNullElse(row.pullPercent(), 0) : null, pulling ? row.pullMessage() : null,
				ContainerStore.FAILED.equals(status) ? row.message() : null);
	}

}
