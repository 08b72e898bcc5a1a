package org.whalemountain.runners.reach;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobAddressProbeTests {

	private final JobAddressProbe probe = new JobAddressProbe(Duration.ofSeconds(1));

	@Test
	void aLoopbackRegistryIsReportedEvenWhenItAnswers() throws IOException {
		try (ServerSocket registry = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThat(this.probe.problem("wm.registry.job-host", "127.0.0.1", registry.getLocalPort()))
				.hasValueSatisfying((problem) -> assertThat(problem).contains("wm.registry.job-host 127.0.0.1")
					.contains("loopback"));
			assertThat(this.probe.problem("wm.registry.job-host", "localhost", registry.getLocalPort())).isPresent();
		}
	}

	@Test
	void theDockerHostNameIsReportedWhenTheRegistryListensOnLoopbackOnly() throws IOException {
		try (ServerSocket registry = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThat(this.probe.problem("wm.registry.job-host", "host.docker.internal", registry.getLocalPort()))
				.hasValueSatisfying((problem) -> assertThat(problem).contains("bridge gateway")
					.contains("port " + registry.getLocalPort()));
		}
	}

	@Test
	void theDockerHostNameIsFineWhenTheRegistryListensOnEveryAddress() throws IOException {
		try (ServerSocket registry = new ServerSocket()) {
			registry.bind(new InetSocketAddress(0), 8);
			assertThat(this.probe.problem("wm.registry.job-realm", "host.docker.internal", registry.getLocalPort()))
				.isEmpty();
		}
	}

}
