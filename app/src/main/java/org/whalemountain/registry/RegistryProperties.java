package org.whalemountain.registry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the registry is and how its tokens are made ({@code wm.registry.*}). Every
 * property is listed in {@code docs/operator-guide.md}.
 *
 * @param url how the service reaches the registry's HTTP API
 * @param host the registry's name in image references ({@code host[:port]}), what users
 * type in {@code docker login} and {@code docker push}
 * @param token the token service the registry's {@code auth.token} points at
 * @param syncInterval how often the whole registry is compared with the catalogue
 * @param syncConcurrency how many requests one sync has in flight at once
 * @param requestTimeout how long one request to the registry may take, connecting
 * included
 * @param notifications the endpoint the registry's {@code notifications} call
 * @param gitlabWebhookSecret what GitLab sends as {@code X-Gitlab-Token}; empty switches
 * the webhook off
 * @param jobHost the registry's name as CI jobs reach it ({@code host[:port]}); empty for
 * {@value #DOCKER_HOST_NAME} with the port of {@code host}, which the runner maps to the
 * Docker host's bridge gateway
 * @param jobRealm the token realm as CI jobs reach it: what the registry's
 * {@code auth.token.realm} must say when jobs push; empty for the service's port on
 * {@value #DOCKER_HOST_NAME}
 */
@Validated
@ConfigurationProperties("wm.registry")
public record RegistryProperties(@NotNull @DefaultValue("http://127.0.0.1:5000") URI url, @NotBlank @Pattern(
		regexp = "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:[0-9]{1,5})?",
		message = "must be host or host:port, without scheme or path") @DefaultValue("127.0.0.1:5000") String host,
		@Valid @DefaultValue Token token,
		@NotNull @DurationMin(seconds = 10) @DurationMax(hours = 24) @DefaultValue("PT5M") Duration syncInterval,
		@Min(1) @Max(64) @DefaultValue("16") int syncConcurrency,
		@NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) @DefaultValue("PT10S") Duration requestTimeout,
		@Valid @DefaultValue Notifications notifications, @DefaultValue("") String gitlabWebhookSecret,
		@NotNull @Pattern(regexp = "|" + HOST_PORT,
				message = "must be empty, host or host:port, without scheme or path") @DefaultValue("") String jobHost,
		@NotNull @Pattern(regexp = "|https?://[^\\s]+",
				message = "must be empty or an http(s) URL") @DefaultValue("") String jobRealm) {

	/**
	 * The name job containers reach the Docker host by: gitlab-runner maps it to the
	 * bridge gateway ({@code extra_hosts = ["host.docker.internal:host-gateway"]}), as
	 * Docker Desktop does on its own.
	 */
	public static final String DOCKER_HOST_NAME = "host.docker.internal";

	static final String HOST_PORT = "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:[0-9]{1,5})?";

	@ConstructorBinding
	public RegistryProperties {
	}

	/** Without job addresses: the defaults, derived from {@code host}. */
	public RegistryProperties(URI url, String host, Token token, Duration syncInterval, int syncConcurrency,
			Duration requestTimeout, Notifications notifications, String gitlabWebhookSecret) {
		this(url, host, token, syncInterval, syncConcurrency, requestTimeout, notifications, gitlabWebhookSecret, "",
				"");
	}

	/**
	 * The registry's name in the image references of CI jobs: {@code job-host}, or
	 * {@value #DOCKER_HOST_NAME} with the port of {@code host}.
	 */
	public String jobHostOrDefault() {
		if (!this.jobHost.isBlank()) {
			return this.jobHost;
		}
		int colon = this.host.lastIndexOf(':');
		boolean hasPort = colon > this.host.lastIndexOf(']');
		return DOCKER_HOST_NAME + (hasPort ? this.host.substring(colon) : "");
	}

	@Override
	public String toString() {
		// the two secrets stay out of logs and failure analyses
		return "RegistryProperties[url=" + this.url + ", host=" + this.host + ", token=" + this.token
				+ ", syncInterval=" + this.syncInterval + ", syncConcurrency=" + this.syncConcurrency
				+ ", requestTimeout=" + this.requestTimeout + ", jobHost=" + this.jobHost + ", jobRealm="
				+ this.jobRealm + "]";
	}

	/**
	 * @param secret what the registry sends as {@code Authorization: Bearer <secret>};
	 * empty switches the endpoint off
	 */
	/**
	 * The token realm CI jobs are sent to: {@code job-realm}, or
	 * {@value #DOCKER_HOST_NAME} on the service's port.
	 */
	public URI jobRealmOrDefault(int serverPort) {
		return URI.create(this.jobRealm.isBlank() ? "http://" + DOCKER_HOST_NAME + ":" + serverPort + "/registry/token"
				: this.jobRealm);
	}

	public record Notifications(@DefaultValue("") String secret) {

		@Override
		public String toString() {
			return "Notifications[secret=" + (this.secret.isEmpty() ? "" : "***") + "]";
		}

	}

	/**
	 * @param service the registry's {@code auth.token.service}; tokens carry it as their
	 * audience
	 * @param issuer the registry's {@code auth.token.issuer}
	 * @param lifetime how long a token is accepted; docker asks for a new one when it
	 * expires
	 * @param keyFile PEM private key that signs tokens; empty for
	 * {@code <data-dir>/registry/token-key.pem}
	 * @param certificateFile PEM certificate of that key, the registry's
	 * {@code rootcertbundle}; empty for {@code <data-dir>/registry/token-cert.pem}
	 */
	public record Token(@NotBlank @DefaultValue("whalemountain-registry") String service,
			@NotBlank @DefaultValue("whalemountain") String issuer,
			@NotNull @DurationMin(minutes = 1) @DurationMax(hours = 1) @DefaultValue("PT5M") Duration lifetime,
			@DefaultValue("") String keyFile, @DefaultValue("") String certificateFile) {

		public Path keyFile(Path dataDir) {
			return this.keyFile.isBlank() ? dataDir.resolve("registry").resolve("token-key.pem")
					: Path.of(this.keyFile);
		}

		public Path certificateFile(Path dataDir) {
			return this.certificateFile.isBlank() ? dataDir.resolve("registry").resolve("token-cert.pem")
					: Path.of(this.certificateFile);
		}

	}

}
