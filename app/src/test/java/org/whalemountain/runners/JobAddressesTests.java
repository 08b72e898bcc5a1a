package org.whalemountain.runners;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

import org.junit.jupiter.api.Test;
import org.whalemountain.registry.Registry;

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
			JobAddresses addresses = new JobAddresses(registry);

			assertThat(addresses.warnings()).isEmpty();
			assertThat(addresses.check()).hasSize(2)
				.anySatisfy((warning) -> assertThat(warning).startsWith("wm.registry.job-host 127.0.0.1 "))
				.anySatisfy((warning) -> assertThat(warning).startsWith("wm.registry.job-realm 127.0.0.1 "));
			assertThat(addresses.warnings()).hasSize(2);
		}
	}

}
