package org.whalemountain.workloads.docker;

import java.io.IOException;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code docker} health indicator against the real dockerd and against no dockerd.
 */
class DockerHealthIndicatorIT {

	@Test
	void upWithTheVersionWhenDockerdAnswers() throws IOException {
		DockerProperties properties = DockerProperties.defaults();
		try (DockerClient client = DockerClients.create(properties)) {
			Health health = new DockerHealthIndicator(client, properties.host()).health();

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("host", properties.host())
				.containsKeys("version", "apiVersion");
		}
	}

	@Test
	void downWithTheReasonWhenNothingListens() throws IOException {
		DockerProperties properties = DockerProperties.defaults().withHost("unix:///nonexistent/wm-test/docker.sock");
		try (DockerClient client = DockerClients.create(properties)) {
			Health health = new DockerHealthIndicator(client, properties.host()).health();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("host", properties.host());
			assertThat(health.getDetails().get("error")).asString().contains("start dockerd");
		}
	}

}
