package org.whalemountain.runners;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A runner image that is not on the Docker host is named in the answer, before GitLab is
 * asked.
 */
@ServiceTest
@TestPropertySource(properties = "wm.runners.image=wm-test/no-such-runner:0")
class RunnerImageMissingIT {

	@LocalServerPort
	int port;

	@Autowired
	WireMockServer gitlabServer;

	@Test
	void registrationSaysWhichImageIsMissingAndChangesNothing() {
		Http http = new Http(this.port);

		Http.Response refused = http.put("/api/v1/runner",
				"{\"project\":\"course-os/bob-image\",\"runnerToken\":\"glrt-bob-runner-0001\"}",
				Http.basic("bob", "bob-pass"));

		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.json().get("type").asString()).isEqualTo("/problems/runner-image-missing");
		assertThat(refused.json().get("detail").asString()).contains("wm-test/no-such-runner:0")
			.contains("docker load");
		assertThat(http.get("/api/v1/runner", Http.basic("bob", "bob-pass")).status()).isEqualTo(404);
		assertThat(this.gitlabServer.getAllServeEvents()).isEmpty();
	}

}
