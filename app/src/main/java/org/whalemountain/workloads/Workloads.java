package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.ContainerEngine;
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

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

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

	private final ContainerStore store;

	private final ContainerViews views;

	private final Launches launches;

	private final WorkloadsProperties properties;

	private final Terminals terminals;

	private final ContainerCommands commands;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	Workloads(ContainerStore store, ContainerViews views, Launches launches, WorkloadsProperties properties,
			Terminals terminals, ContainerCommands commands, ApplicationEventPublisher events,
			TransactionTemplate transaction, Clock clock) {
		this.store = store;
		this.views = views;
		this.launches = launches;
		this.properties = properties;
		this.terminals = terminals;
		this.commands = commands;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Launches and starts a container {@code <user>-<name>}. Checks all input, the engine
	 * and the image and reserves the host ports before it answers. An image the engine
	 * has is started at once ({@code running}; on failure nothing is left); any other is
	 * pulled by the engine in the background ({@code pending} with the pull's progress,
	 * then {@code running} or {@code failed} with the reason and no host port held).
	 * @throws InvalidInputException for bad input, an image that is not allowed, or a
	 * home volume for a user without uidNumber and gidNumber
	 * @throws ConflictException for a taken name, an exceeded quota or no free host port
	 * @throws org.whalemountain.platform.UnavailableException when the engine is down
	 */
	public ContainerView launch(String username, LaunchRequest request, String sourceAddress) {
		ContainerRecord row = this.launches.launch(username, request);
		ContainerView view = this.views.stored(row);
		publish(new ContainerLaunched(username, row.id(), row.name(), row.image(), row.engine(), view.ports(),
				sourceAddress, this.clock.instant()));
		return view;
	}

	/** The user's containers, each with its live status. */
	public List<ContainerView> list(String username) {
		return this.store.of(username).stream().map(this.views::live).toList();
	}

	/**
	 * @throws NotFoundException unless the user owns this container
	 */
	public ContainerView get(String username, long id) {
		return this.views.live(this.views.owned(username, id));
	}

	/** Starts a stopped container; its host ports are still reserved for it. */
	public ContainerView start(String username, long id, String sourceAddress) {
		ContainerRecord row = this.views.owned(username, id).engineBacked();
		EngineCalls.run(() -> this.views.engineOf(row).start(row.containerId()));
		publish(new ContainerStarted(username, id, row.name(), sourceAddress, this.clock.instant()));
		return this.views.live(row);
	}

	/** Stops a container gracefully; it keeps its host ports. */
	public ContainerView stop(String username, long id, String sourceAddress) {
		ContainerRecord row = this.views.owned(username, id).engineBacked();
		EngineCalls.run(() -> this.views.engineOf(row).stop(row.containerId(), STOP_GRACE));
		publish(new ContainerStopped(username, id, row.name(), sourceAddress, this.clock.instant()));
		return this.views.live(row);
	}

	/** Stops and removes the container, then frees its host ports. */
	public void delete(String username, long id, String sourceAddress) {
		ContainerRecord row = this.views.owned(username, id);
		if (row.containerId() != null) {
			EngineCalls.run(() -> this.views.engineOf(row).remove(row.containerId()));
		}
		this.transaction.executeWithoutResult((status) -> {
			this.store.delete(id);
			this.events
				.publishEvent(new ContainerDeleted(username, id, row.name(), sourceAddress, this.clock.instant()));
		});
	}

	/**
	 * Runs a command in the running container.
	 * @see ContainerCommands#exec
	 */
	public ExecResult exec(String username, long id, ExecRequest request, String sourceAddress) {
		return this.commands.exec(this.views.owned(username, id), request, sourceAddress);
	}

	/** The last {@code tail} lines of the container's output. */
	public String logs(String username, long id, int tail) {
		ContainerRecord row = this.views.owned(username, id).engineBacked();
		if (tail < 1 || tail > 10_000) {
			throw new InvalidInputException("invalid-tail", "tail", "tail is a number of lines from 1 to 10000.");
		}
		return EngineCalls.call(() -> this.views.engineOf(row).logs(row.containerId(), tail));
	}

	/**
	 * Copies one file into an existing directory of the running container.
	 * @see ContainerCommands#upload
	 */
	public void upload(String username, long id, String fileName, String directory, byte[] content,
			String sourceAddress) {
		this.commands.upload(this.views.owned(username, id), fileName, directory, content, sourceAddress);
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
		ContainerRecord row = this.views.owned(username, id);
		this.views.requireRunning(row);
		return this.terminals.open(row, columns, rows, listener, sourceAddress);
	}

	/**
	 * Module listeners hear only of events published in a transaction, so that an event
	 * is recorded for redelivery together with what it reports.
	 */
	private void publish(Object event) {
		this.transaction.executeWithoutResult((status) -> this.events.publishEvent(event));
	}

}
