package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.EngineException;
import org.whalemountain.workloads.engine.ExecResult;
import org.whalemountain.workloads.events.CommandExecuted;
import org.whalemountain.workloads.events.FileUploaded;
import org.whalemountain.workloads.launch.LaunchInputs;
import org.whalemountain.workloads.store.ContainerRecord;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.platform.InvalidInputException;

/**
 * What users do inside a running container of their own (the caller checked the owner):
 * run a command, put a file. Each is checked before the engine is asked, and recorded as
 * an event once done.
 */
@Component
class ContainerCommands {

	private final ContainerViews views;

	private final WorkloadsProperties properties;

	private final CommandSlots commandSlots;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	ContainerCommands(ContainerViews views, WorkloadsProperties properties, CommandSlots commandSlots,
			ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
		this.views = views;
		this.properties = properties;
		this.commandSlots = commandSlots;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * @throws InvalidInputException for an empty command or a timeout above the maximum
	 * @throws org.whalemountain.platform.TooManyRequestsException if the user has
	 * {@code wm.workloads.exec.max-per-user} commands running
	 */
	ExecResult exec(ContainerRecord row, ExecRequest request, String sourceAddress) {
		List<String> command = LaunchInputs.command(request.command());
		Duration timeout = request.timeout(this.properties.exec());
		this.views.requireRunning(row);
		ExecResult result;
		try (CommandSlots.Slot slot = this.commandSlots.take(row.owner())) {
			result = EngineCalls.call(() -> this.views.engineOf(row)
				.exec(row.containerId(), command, timeout, this.properties.exec().outputLimitBytes()));
		}
		publish(new CommandExecuted(row.owner(), row.id(), row.name(), command, result.exitCode(), sourceAddress,
				this.clock.instant()));
		return result;
	}

	/**
	 * @throws InvalidInputException for a name or path that could escape the directory,
	 * or a file above the configured size
	 */
	void upload(ContainerRecord row, String fileName, String directory, byte[] content, String sourceAddress) {
		String name = UploadTars.fileName(fileName);
		String path = UploadTars.directory(directory);
		if (content.length > this.properties.upload().maxBytes()) {
			throw new InvalidInputException("file-too-large", "file", "A file may have at most "
					+ this.properties.upload().maxBytes() + " bytes (wm.workloads.upload.max-bytes).");
		}
		this.views.requireRunning(row);
		try {
			EngineCalls.run(() -> this.views.engineOf(row)
				.putFiles(row.containerId(), path, new ByteArrayInputStream(UploadTars.tar(name, content))));
		}
		catch (EngineException ex) {
			throw new InvalidInputException("upload-failed", "path",
					"The file could not be written to " + path + "; is it an existing directory?");
		}
		publish(new FileUploaded(row.owner(), row.id(), row.name(), path + "/" + name, content.length, sourceAddress,
				this.clock.instant()));
	}

	/** Listeners hear only of events published in a transaction (see Workloads). */
	private void publish(Object event) {
		this.transaction.executeWithoutResult((status) -> this.events.publishEvent(event));
	}

}
