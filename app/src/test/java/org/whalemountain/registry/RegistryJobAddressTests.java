package org.whalemountain.registry;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryJobAddressTests {

	@Test
	void jobsReachTheRegistryOnTheDockerHostAtItsPortByDefault() {
		assertThat(properties("127.0.0.1:5000", "", "").jobHostOrDefault()).isEqualTo("host.docker.internal:5000");
		assertThat(properties("[::1]:5443", "", "").jobHostOrDefault()).isEqualTo("host.docker.internal:5443");
		assertThat(properties("registry.dept.test", "", "").jobHostOrDefault()).isEqualTo("host.docker.internal");
	}

	@Test
	void aConfiguredJobHostAndRealmWin() {
		RegistryProperties properties = properties("127.0.0.1:5000", "10.0.0.5:5000",
				"https://wm.dept.test/registry/token");

		assertThat(properties.jobHostOrDefault()).isEqualTo("10.0.0.5:5000");
		assertThat(properties.jobRealmOrDefault(8080)).isEqualTo(URI.create("https://wm.dept.test/registry/token"));
	}

	@Test
	void theDefaultRealmIsTheServiceOnTheDockerHost() {
		assertThat(properties("127.0.0.1:5000", "", "").jobRealmOrDefault(9090))
			.isEqualTo(URI.create("http://host.docker.internal:9090/registry/token"));
	}

	private static RegistryProperties properties(String host, String jobHost, String jobRealm) {
		return new RegistryProperties(URI.create("http://127.0.0.1:5000"), host,
				new RegistryProperties.Token("whalemountain-registry", "whalemountain", Duration.ofMinutes(5), "", ""),
				Duration.ofMinutes(5), 16, Duration.ofSeconds(10), new RegistryProperties.Notifications(""), "",
				jobHost, jobRealm);
	}

}
