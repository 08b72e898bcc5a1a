package org.whalemountain.workloads.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/**
 * The benchmarks' baseline: a container started with bare docker-java, with the options a
 * lent container gets (two ports published on 127.0.0.1, the same limits,
 * no-new-privileges, a user bridge network, three labels, two variables) and nothing
 * else: no database, no check, no event, no inspect. Exactly one create and one start.
 */
final class RawDockerLaunches implements AutoCloseable {

	/**
	 * Host ports of baseline containers, outside what the benchmarks' service hands out.
	 */
	static final int FIRST_PORT = 61900;

	private final DockerClient client;

	private final String image;

	private final String network;

	RawDockerLaunches(String image, String network) {
		DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
			.withDockerHost("unix:///var/run/docker.sock")
			.build();
		// as the service's client: 50 connections, so that a burst of 50 is not queued
		// here
		this.client = DockerClientImpl.getInstance(config,
				new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
					.maxConnections(50)
					.connectionTimeout(Duration.ofSeconds(5))
					.responseTimeout(Duration.ofMinutes(2))
					.build());
		this.image = image;
		this.network = network;
	}

	/**
	 * Creates and starts one container with guest ports 8080 and 8081 on the host ports
	 * {@code FIRST_PORT + 2 * slot} and the next; returns its id.
	 */
	String launch(int slot) {
		Ports ports = new Ports();
		ports.bind(ExposedPort.tcp(8080), Ports.Binding.bindIpAndPort("127.0.0.1", FIRST_PORT + 2 * slot));
		ports.bind(ExposedPort.tcp(8081), Ports.Binding.bindIpAndPort("127.0.0.1", FIRST_PORT + 2 * slot + 1));
		HostConfig host = HostConfig.newHostConfig()
			.withPrivileged(false)
			.withPortBindings(ports)
			.withRestartPolicy(RestartPolicy.noRestart())
			.withNanoCPUs(1_000_000_000L)
			.withMemory(536_870_912L)
			.withPidsLimit(256L)
			.withSecurityOpts(List.of("no-new-privileges"))
			.withNetworkMode(this.network);
		String id = this.client.createContainerCmd(this.image)
			.withName("wm-bench-raw-" + UUID.randomUUID().toString().substring(0, 8))
			.withLabels(Map.of("wm-bench.kind", "raw", "wm-bench.owner", "student01", "wm-bench.slot", "" + slot))
			.withEnv("GREETING=hi", "TOKEN=s3cret")
			.withExposedPorts(ExposedPort.tcp(8080), ExposedPort.tcp(8081))
			.withHostConfig(host)
			.withCmd("sleep", "600")
			.exec()
			.getId();
		this.client.startContainerCmd(id).exec();
		return id;
	}

	/** The Docker calls a launch through the service makes besides create and start. */
	Map<String, Runnable> serviceExtraCalls(String containerId) {
		return Map.of("image inspect (is the image present)", () -> this.client.inspectImageCmd(this.image).exec(),
				"network list by name (ensure the user's network)",
				() -> this.client.listNetworksCmd().withNameFilter(this.network).exec(),
				"container inspect (after create)", () -> this.client.inspectContainerCmd(containerId).exec());
	}

	void remove(String id) {
		this.client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
	}

	/** Removes baseline containers an interrupted run left behind (found by label). */
	void removeLeftovers() {
		this.client.listContainersCmd()
			.withShowAll(true)
			.withLabelFilter(Map.of("wm-bench.kind", "raw"))
			.exec()
			.forEach((container) -> remove(container.getId()));
	}

	void ensureNetwork() {
		if (this.client.listNetworksCmd()
			.withNameFilter(this.network)
			.exec()
			.stream()
			.noneMatch((n) -> this.network.equals(n.getName()))) {
			this.client.createNetworkCmd().withName(this.network).withDriver("bridge").exec();
		}
	}

	void removeNetwork() {
		this.client.removeNetworkCmd(this.network).exec();
	}

	@Override
	public void close() throws Exception {
		this.client.close();
	}

}
