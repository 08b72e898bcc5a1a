package org.whalemountain.workloads.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;

/**
 * Builds a docker-java client from {@link DockerProperties} alone. Nothing is read from
 * {@code DOCKER_HOST}, {@code ~/.docker} or system properties, so the service talks to
 * exactly the dockerd its operator configured and never borrows registry credentials from
 * the account it runs under. Building connects to nothing: the service starts while
 * dockerd is down.
 */
final class DockerClients {

	/** Enough for a few parallel log, exec and pull streams besides ordinary calls. */
	private static final int MAX_CONNECTIONS = 50;

	private DockerClients() {
	}

	static DockerClient create(DockerProperties properties) {
		DockerClientConfig config = config(properties);
		DockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
			.sslConfig(config.getSSLConfig())
			.maxConnections(MAX_CONNECTIONS)
			.connectionTimeout(properties.connectTimeout())
			.responseTimeout(properties.responseTimeout())
			.build();
		return DockerClientImpl.getInstance(config, http);
	}

	static DockerClientConfig config(DockerProperties properties) {
		DefaultDockerClientConfig.Builder builder = new DefaultDockerClientConfig.Builder()
			.withDockerHost(properties.host())
			.withDockerTlsVerify(properties.tlsVerify());
		if (properties.tlsVerify()) {
			builder.withDockerCertPath(properties.certPath());
		}
		if (!properties.apiVersion().isBlank()) {
			builder.withApiVersion(properties.apiVersion());
		}
		return builder.build();
	}

}
