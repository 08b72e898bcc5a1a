package org.whalemountain.workloads.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DockerPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Enabled.class);

	@Test
	void defaultsAreTheLocalSocketWithoutTls() {
		this.context.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DockerProperties.class)).isEqualTo(DockerProperties.defaults());
		});
	}

	@Test
	void aTcpHostWithTlsAndTimeoutsBinds(@TempDir Path certs) {
		this.context
			.withPropertyValues("wm.workloads.docker.host=tcp://docker.example:2376",
					"wm.workloads.docker.tls-verify=true", "wm.workloads.docker.cert-path=" + certs,
					"wm.workloads.docker.connect-timeout=2s", "wm.workloads.docker.response-timeout=PT10M",
					"wm.workloads.docker.api-version=1.41")
			.run((context) -> assertThat(context.getBean(DockerProperties.class)).isEqualTo(new DockerProperties(
					"tcp://docker.example:2376", true, certs.toString(), Duration.ofSeconds(2), Duration.ofMinutes(10),
					"1.41", DockerProperties.Connections.DEFAULTS, DockerProperties.Logs.DEFAULTS, "")));
	}

	@Test
	void connectionLimitsAndLogRotationBind() {
		this.context
			.withPropertyValues("wm.workloads.docker.connections.max=8", "wm.workloads.docker.connections.commands=3",
					"wm.workloads.docker.connections.request-timeout=250ms", "wm.workloads.docker.logs.max-size=1GB",
					"wm.workloads.docker.logs.max-files=2")
			.run((context) -> {
				DockerProperties properties = context.getBean(DockerProperties.class);
				assertThat(properties.connections())
					.isEqualTo(new DockerProperties.Connections(8, 3, Duration.ofMillis(250)));
				assertThat(properties.logs()).isEqualTo(new DockerProperties.Logs(DataSize.ofGigabytes(1), 2));
			});
		this.context.withPropertyValues("wm.workloads.docker.logs.max-size=10B")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("logs.max-size"));
		this.context.withPropertyValues("wm.workloads.docker.connections.commands=0")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("commands"));
	}

	@Test
	void tlsWithoutCertificatesOrOnASocketIsRefused() {
		this.context
			.withPropertyValues("wm.workloads.docker.host=tcp://docker.example:2376",
					"wm.workloads.docker.tls-verify=true")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("cert-path"));
		this.context.withPropertyValues("wm.workloads.docker.tls-verify=true", "wm.workloads.docker.cert-path=/etc")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("tcp://"));
	}

	@Test
	void aHostThatIsNoDockerAddressOrABadApiVersionIsRefused() {
		this.context.withPropertyValues("wm.workloads.docker.host=docker.example:2376")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("unix:///"));
		this.context.withPropertyValues("wm.workloads.docker.api-version=v1.41")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("api-version"));
	}

	@Test
	void theClientTalksToTheConfiguredHostWithTheCertificates(@TempDir Path certs) throws IOException {
		for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
			Files.writeString(certs.resolve(file), "");
		}
		DockerClientConfig tls = DockerClients.config(new DockerProperties("tcp://docker.example:2376", true,
				certs.toString(), Duration.ofSeconds(5), Duration.ofMinutes(2), "1.41",
				DockerProperties.Connections.DEFAULTS, DockerProperties.Logs.DEFAULTS, ""));

		assertThat(tls.getDockerHost()).hasToString("tcp://docker.example:2376");
		assertThat(tls.getSSLConfig()).isInstanceOf(LocalDirectorySSLConfig.class);
		assertThat(tls.getApiVersion().getVersion()).isEqualTo("1.41");
		DockerClientConfig plain = DockerClients.config(DockerProperties.defaults());
		assertThat(plain.getDockerHost()).hasToString("unix:///var/run/docker.sock");
		assertThat(plain.getSSLConfig()).isNull();
		assertThat(plain.effectiveAuthConfig("registry.example/alice/web:1")).isNull();
	}

	@Test
	void theSocketForContainersThatDriveTheEngineIsTheUnixHostsOrTheDefaultOrTheConfiguredOne() {
		assertThat(DockerProperties.defaults().socketPath()).isEqualTo("/var/run/docker.sock");
		assertThat(DockerProperties.defaults().withHost("unix:///run/user/1000/docker.sock").socketPath())
			.isEqualTo("/run/user/1000/docker.sock");
		assertThat(DockerProperties.defaults().withHost("tcp://docker.example:2376").socketPath())
			.isEqualTo("/var/run/docker.sock");
		this.context
			.withPropertyValues("wm.workloads.docker.host=tcp://docker.example:2375",
					"wm.workloads.docker.socket-on-host=/srv/docker.sock")
			.run((context) -> assertThat(context.getBean(DockerProperties.class).socketPath())
				.isEqualTo("/srv/docker.sock"));
	}

	@Test
	void tlsWithoutItsCertificateFilesIsRefusedRatherThanSpokenInClear(@TempDir Path certs) throws IOException {
		Files.writeString(certs.resolve("ca.pem"), "");
		DockerProperties tls = new DockerProperties("tcp://docker.example:2376", true, certs.toString(),
				Duration.ofSeconds(5), Duration.ofMinutes(2), "", DockerProperties.Connections.DEFAULTS,
				DockerProperties.Logs.DEFAULTS, "");

		assertThatIllegalStateException().isThrownBy(() -> DockerClients.create(tls))
			.withMessageContaining("cert.pem, key.pem")
			.withMessageContaining(certs.toString());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DockerProperties.class)
	static class Enabled {

	}

}
