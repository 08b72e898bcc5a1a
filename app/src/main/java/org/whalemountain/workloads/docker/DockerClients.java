package org.whalemountain.workloads.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

	/** The names the docker CLI uses in {@code DOCKER_CERT_PATH}. */
	private static final List<String> CERTIFICATE_FILES = List.of("ca.pem", "cert.pem", "key.pem");

	/** Longer than the longest terminal idle timeout an operator may configure. */
	static final Duration TERMINAL_RESPONSE_TIMEOUT = Duration.ofHours(25);

	/** Enough for the terminals many users keep open at once. */
	private static final int TERMINAL_CONNECTIONS = 50;

	/**
	 * How much longer than the longest command a command's connection waits for dockerd:
	 * the command's own deadline, not the socket, is what ends a quiet command.
	 */
	static final Duration COMMAND_RESPONSE_MARGIN = Duration.ofSeconds(30);

	/**
	 * How long a probe waits to connect and then for the answer: a status answer must not
	 * hang for the ordinary calls' response timeout when dockerd does.
	 */
	static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

	/** Probes are few: one per status request. */
	private static final int PROBE_CONNECTIONS = 2;

	private DockerClients() {
	}

	/**
	 * The client for ordinary calls: at most {@code connections.max} at once, each
	 * waiting at most {@code connections.request-timeout} for its turn.
	 */
	static DockerClient create(DockerProperties properties) {
		return create(properties, properties.connections().max(), properties.responseTimeout(), true);
	}

	/**
	 * A client for the commands users run, each of which holds its connection until it
	 * ends: at most {@code connections.commands} at once, and a response timeout beyond
	 * the longest command, so that a command that is quiet until its timeout is not cut
	 * off by the socket first.
	 */
	static DockerClient forCommands(DockerProperties properties, Duration longestCommand) {
		Duration responseTimeout = longestCommand.plus(COMMAND_RESPONSE_MARGIN);
		if (responseTimeout.compareTo(properties.responseTimeout()) < 0) {
			responseTimeout = properties.responseTimeout();
		}
		return create(properties, properties.connections().commands(), responseTimeout, true);
	}

	/**
	 * A client for terminals: the socket read timeout is what ends a hijacked stream that
	 * stays quiet, and a terminal may rightly be quiet longer than any ordinary call
	 * waits; the service's terminal idle timeout (at most a day) ends those instead.
	 */
	static DockerClient forTerminals(DockerProperties properties) {
		return create(properties, TERMINAL_CONNECTIONS, TERMINAL_RESPONSE_TIMEOUT, false);
	}

	/**
	 * A client for {@code answers()}: short timeouts, and connections of its own, so that
	 * a probe neither waits behind busy calls nor takes a connection from them.
	 */
	static DockerClient forProbes(DockerProperties properties) {
		return create(properties, PROBE_CONNECTIONS, shorter(properties.connectTimeout(), PROBE_TIMEOUT),
				shorter(properties.responseTimeout(), PROBE_TIMEOUT), true);
	}

	private static Duration shorter(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static DockerClient create(DockerProperties properties, int maxConnections, Duration responseTimeout,
			boolean limited) {
		return create(properties, maxConnections, properties.connectTimeout(), responseTimeout, limited);
	}

	private static DockerClient create(DockerProperties properties, int maxConnections, Duration connectTimeout,
			Duration responseTimeout, boolean limited) {
		DockerClientConfig config = config(properties);
		DockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
			.sslConfig(config.getSSLConfig())
			.maxConnections(maxConnections)
			.connectionTimeout(connectTimeout)
			.responseTimeout(responseTimeout)
			.build();
		if (limited) {
			http = new LimitedHttpClient(http, maxConnections, properties.connections().requestTimeout());
		}
		return DockerClientImpl.getInstance(config, http);
	}

	/**
	 * docker-java quietly talks plain HTTP to a TCP host when the certificate files are
	 * missing, which would send registry credentials in clear; refuse instead.
	 */
	static DockerClientConfig config(DockerProperties properties) {
		if (properties.tlsVerify()) {
			requireCertificates(Path.of(properties.certPath()));
		}
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

	private static void requireCertificates(Path directory) {
		List<String> missing = CERTIFICATE_FILES.stream()
			.filter((file) -> !Files.isReadable(directory.resolve(file)))
			.toList();
		if (!missing.isEmpty()) {
			throw new IllegalStateException("wm.workloads.docker.tls-verify is on but " + String.join(", ", missing)
					+ " cannot be read in wm.workloads.docker.cert-path " + directory.toAbsolutePath());
		}
	}

}
