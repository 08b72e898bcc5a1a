package org.whalemountain.workloads.docker;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;

import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.EngineLabels;
import org.whalemountain.workloads.engine.PullProgress;
import org.whalemountain.workloads.engine.RegistryCredentials;
import org.whalemountain.workloads.engine.StartedContainer;

/**
 * Runs a spec on Docker: pulls the image if dockerd lacks it, joins the owner's bridge
 * network ({@code wm-<owner>}, made on first use), resolves the volumes to host paths,
 * creates the container, puts the spec's files in and starts it. What is made is removed
 * again when a later step fails.
 */
final class DockerRuns {

	private final DockerClient client;

	private final DockerFailures failures;

	private final DockerImages images;

	private final DockerNetworks networks;

	private final DockerFiles files;

	private final DockerContainers containers;

	private final DockerHost host;

	DockerRuns(DockerClient client, DockerFailures failures, DockerImages images, DockerNetworks networks,
			DockerFiles files, DockerContainers containers, DockerHost host) {
		this.client = client;
		this.failures = failures;
		this.images = images;
		this.networks = networks;
		this.files = files;
		this.containers = containers;
		this.host = host;
	}

	StartedContainer run(ContainerSpec spec, RegistryCredentials credentials, Consumer<PullProgress> progress) {
		if (!this.images.present(spec.image())) {
			this.images.pull(spec.image(), credentials, progress);
		}
		// volumes first: an owner who cannot have a home gets nothing made, not a network
		Map<ContainerSpec.VolumeSource, String> hostPaths = hostPaths(spec);
		String network = null;
		String networkId = null;
		if (spec.owner() != null) {
			network = EngineLabels.network(spec.owner());
			networkId = this.networks.ensure(network, Map.of(EngineLabels.OWNER_LABEL, spec.owner()));
		}
		DockerPlacement placement = new DockerPlacement(network, this.host.publishAddress(), hostPaths,
				this.host.logs());
		String id;
		try {
			id = DockerCreateCommands.fill(this.client.createContainerCmd(spec.image()), spec, placement)
				.exec()
				.getId();
		}
		catch (RuntimeException ex) {
			throw this.failures.create(spec.name(), spec.image(), ex);
		}
		try {
			if (!spec.files().isEmpty()) {
				this.files.seed(id, spec.files());
			}
			this.containers.start(id);
		}
		catch (RuntimeException ex) {
			try {
				this.containers.remove(id);
			}
			catch (RuntimeException removeFailed) {
				// the run's failure is what the caller must see; the leftover carries the
				// caller's labels for its cleanup
				ex.addSuppressed(removeFailed);
			}
			throw ex;
		}
		return new StartedContainer(id, networkId);
	}

	private Map<ContainerSpec.VolumeSource, String> hostPaths(ContainerSpec spec) {
		Map<ContainerSpec.VolumeSource, String> paths = new EnumMap<>(ContainerSpec.VolumeSource.class);
		for (ContainerSpec.Volume volume : spec.volumes()) {
			paths.put(volume.source(), switch (volume.source()) {
				case OWNER_HOME -> this.host.homes().prepare(spec.owner(), spec.runAs());
				case ENGINE_API -> this.host.socketPath();
			});
		}
		return paths;
	}

}
