package org.whalemountain.workloads.docker;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where the Docker Engine is and how to talk to it ({@code wm.workloads.docker.*}). Every
 * property is listed in {@code docs/operator-guide.md}.
 *
 * @param host {@code unix:///path/to/docker.sock} or {@code tcp://host:port}
 * @param tlsVerify use TLS with client certificates (TCP only) and verify dockerd's
 * certificate against {@code ca.pem}
 * @param certPath directory holding {@code ca.pem}, {@code cert.pem} and {@code key.pem};
 * required with {@code tlsVerify}
 * @param connectTimeout how long to wait for a connection to dockerd
 * @param responseTimeout how long a call may wait for the next bytes from dockerd; must
 * exceed the longest stop grace period the service uses (commands run on connections of
 * their own, whose wait follows {@code wm.workloads.exec.max-timeout})
 * @param apiVersion Engine API version such as {@code 1.41}; empty lets dockerd answer
 * with its own
 * @param connections how many connections to dockerd the service holds at most
 * @param logs log rotation of every container the service creates
 * @param socketOnHost dockerd's socket as a path on the Docker host, bound into
 * containers that drive the engine themselves (the runners); empty means the path of a
 * {@code unix://} host, else {@code /var/run/docker.sock}
 */
@Validated
@ConfigurationProperties("wm.workloads.docker")
public record DockerProperties(@NotNull @Pattern(regexp = "(unix|tcp)://.+",
		message = "must be unix:///path/to/docker.sock or tcp://host:port") @DefaultValue("unix:///var/run/docker.sock") String host,
		@DefaultValue("false") boolean tlsVerify, @NotNull @DefaultValue("") String certPath,
		@NotNull @DurationMin(millis = 1) @DefaultValue("PT5S") Duration connectTimeout,
		@NotNull @DurationMin(millis = 1) @DefaultValue("PT2M") Duration responseTimeout,
		@NotNull @Pattern(regexp = "|1\\.\\d+",
				message = "must be empty or like 1.41") @DefaultValue("") String apiVersion,
		@Valid @NotNull @DefaultValue Connections connections, @Valid @NotNull @DefaultValue Logs logs,
		@NotNull @DefaultValue("") String socketOnHost) {

	/** The defaults, as an operator who sets nothing gets them. */
	public static DockerProperties defaults() {
		return new DockerProperties("unix:///var/run/docker.sock", false, "", Duration.ofSeconds(5),
				Duration.ofMinutes(2), "", Connections.DEFAULTS, Logs.DEFAULTS, "");
	}

	/** The same settings for another Docker host. */
	public DockerProperties withHost(String otherHost) {
		return new DockerProperties(otherHost, this.tlsVerify, this.certPath, this.connectTimeout, this.responseTimeout,
				this.apiVersion, this.connections, this.logs, this.socketOnHost);
	}

	/** The same settings with other connection limits. */
	public DockerProperties withConnections(Connections otherConnections) {
		return new DockerProperties(this.host, this.tlsVerify, this.certPath, this.connectTimeout, this.responseTimeout,
				this.apiVersion, otherConnections, this.logs, this.socketOnHost);
	}

	/** dockerd's socket on its host, for containers that drive the engine. */
	public String socketPath() {
		if (!this.socketOnHost.isBlank()) {
			return this.socketOnHost;
		}
		return this.host.startsWith("unix://") ? this.host.substring("unix://".length()) : "/var/run/docker.sock";
	}

	@AssertTrue(message = "wm.workloads.docker.tls-verify needs a tcp:// host and wm.workloads.docker.cert-path")
	public boolean isTlsComplete() {
		return !this.tlsVerify || (this.host != null && this.host.startsWith("tcp://") && this.certPath != null
				&& !this.certPath.isBlank());
	}

	/**
	 * Connections are held apart by use, so that one kind of call cannot take all of
	 * them: ordinary calls (list, inspect, create, start, logs, pulls) share one set, the
	 * commands users run another (each holds its connection until it ends), and terminals
	 * a third.
	 *
	 * @param max connections for ordinary calls
	 * @param commands connections for running commands, i.e. how many commands run at
	 * once on this instance
	 * @param requestTimeout how long a call waits for a free connection before it fails
	 * as busy ({@code 503 engine-busy})
	 */
	public record Connections(@Min(1) @Max(1000) @DefaultValue("50") int max,
			@Min(1) @Max(1000) @DefaultValue("40") int commands,
			@NotNull @DurationMin(millis = 1) @DefaultValue("PT5S") Duration requestTimeout) {

		public static final Connections DEFAULTS = new Connections(50, 40, Duration.ofSeconds(5));

	}

	/**
	 * Docker's {@code json-file} log driver with rotation, so that a container that
	 * prints without end cannot fill the Docker host's disk: at most
	 * {@code maxSize × maxFiles} per container.
	 *
	 * @param maxSize size at which a container's log file is rotated
	 * @param maxFiles log files kept per container, the current one included
	 */
	public record Logs(@NotNull @DefaultValue("10MB") DataSize maxSize,
			@Min(1) @Max(100) @DefaultValue("3") int maxFiles) {

		public static final Logs DEFAULTS = new Logs(DataSize.ofMegabytes(10), 3);

		@AssertTrue(message = "wm.workloads.docker.logs.max-size must be at least 1KB")
		public boolean isMaxSizePositive() {
			return this.maxSize == null || this.maxSize.toBytes() >= 1024;
		}

	}

}
