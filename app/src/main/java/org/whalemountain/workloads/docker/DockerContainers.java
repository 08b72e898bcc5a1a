package org.whalemountain.workloads.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;

import org.whalemountain.workloads.engine.ContainerInfo;

/** The life cycle calls on existing containers: start, stop, remove, inspect, list. */
final class DockerContainers {

	private final DockerClient client;

	private final DockerFailures failures;

	DockerContainers(DockerClient client, DockerFailures failures) {
		this.client = client;
		this.failures = failures;
	}

	/** Docker keeps a stopped container, so starting again is a start. */
	void start(String containerId) {
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

	void stop(String containerId, Duration grace) {
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

	void remove(String containerId) {
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

	Optional<ContainerInfo> inspect(String containerId) {
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
	List<ContainerInfo> list(Map<String, String> labels) {
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

}
