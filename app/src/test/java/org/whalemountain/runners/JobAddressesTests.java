package org.whalemountain.runners;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.whalemountain.registry.Registry;
import org.whalemountain.runners.templates.Builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class JobAddressesTests {

	@Test
	void anUnreachableJobRegistryAddressBecomesAWarning() throws IOException {
		try (ServerSocket service = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Registry registry = mock(Registry.class);
			when(registry.jobHost()).thenReturn("127.0.0.1:5000");
			when(registry.jobRealm())
				.thenReturn(URI.create("http://127.0.0.1:" + service.getLocalPort() + "/registry/token"));
			JobAddresses addresses = new JobAddresses(registry,
					properties(List.of("seccomp:unconfined", "apparmor:unconfined")));

			assertThat(addresses.warnings()).isEmpty();
			assertThat(addresses.check()).hasSize(2)
				.anySatisfy((warning) -> assertThat(warning).startsWith("wm.registry.job-host 127.0.0.1 "))
				.anySatisfy((warning) -> assertThat(warning).startsWith("wm.registry.job-realm 127.0.0.1 "));
			assertThat(addresses.warnings()).hasSize(2);
		}
	}

	@Test
	void securityOptionsTheBuilderCannotRunWithBecomeAWarning() throws IOException {
		// on every address: jobs reach it as the Docker host's bridge gateway
		try (ServerSocket registryPort = new ServerSocket(0)) {
			Registry registry = mock(Registry.class);
			String reachable = "host.docker.internal:" + registryPort.getLocalPort();
			when(registry.jobHost()).thenReturn(reachable);
			when(registry.jobRealm()).thenReturn(URI.create("http://" + reachable + "/registry/token"));
			JobAddresses addresses = new JobAddresses(registry,
					properties(List.of("seccomp:unconfined", "apparmor:unconfined", "no-new-privileges")));

			assertThat(addresses.check()).singleElement()
				.asString()
				.startsWith("wm.runners.builder=buildkit cannot work with no-new-privileges");
		}
	}

	private static RunnersProperties properties(List<String> securityOptions) {
		return new RunnersProperties("gitlab/gitlab-runner:v18.5.0", "", List.of(), List.of(), securityOptions, "2",
				"4g", 1, 1_000_000_000L, 512L * 1024 * 1024, false, Duration.ofMinutes(5), "1000:1000",
				Duration.ofSeconds(2), "docker", Builder.BUILDKIT, "");
	}

}
