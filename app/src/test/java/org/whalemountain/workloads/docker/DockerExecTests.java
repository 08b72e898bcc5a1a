package org.whalemountain.workloads.docker;

import java.time.Duration;
import java.util.List;

import com.github.dockerjava.api.DockerClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.whalemountain.workloads.engine.ExecResult;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the exec waits for once the output stream has ended, against a stand-in dockerd:
 * the Debian dockerd the other tests use holds the stream open until the process exits,
 * while Engines that end it as soon as the process closes its output leave the service
 * asking for an exit code that is not coming.
 */
class DockerExecTests {

	/** A multiplexed stdout frame saying "bye\n". */
	private static final byte[] BYE = { 1, 0, 0, 0, 0, 0, 0, 4, 'b', 'y', 'e', '\n' };

	private WireMockServer dockerd;

	private DockerClient client;

	@BeforeEach
	void start() {
		this.dockerd = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
		this.dockerd.start();
		this.dockerd.stubFor(post(urlPathMatching(".*/containers/c1/exec")).willReturn(okJson("{\"Id\":\"e1\"}")));
		this.dockerd.stubFor(post(urlPathMatching(".*/exec/e1/start"))
			.willReturn(aResponse().withHeader("Content-Type", "application/vnd.docker.raw-stream").withBody(BYE)));
		this.client = DockerClients
			.create(DockerProperties.defaults().withHost("tcp://127.0.0.1:" + this.dockerd.port()));
	}

	@AfterEach
	void stop() throws Exception {
		this.client.close();
		this.dockerd.stop();
	}

	@Test
	void aCommandThatClosedItsOutputAndRunsOnIsLeftAfterAFewQuestionsNotPolledToItsDeadline() {
		this.dockerd.stubFor(get(urlPathMatching(".*/exec/e1/json"))
			.willReturn(okJson("{\"ID\":\"e1\",\"Running\":true,\"ExitCode\":null}")));
		long started = System.nanoTime();

		ExecResult result = exec().run("c1", List.of("sh", "-c", "echo bye; exec >&-; sleep 600"),
				Duration.ofSeconds(60), 1024);

		assertThat(result.stdout()).isEqualTo("bye\n");
		assertThat(result.exitCode()).isNull();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
		assertThat(this.dockerd.findAll(getRequestedFor(urlPathMatching(".*/exec/e1/json")))).hasSizeBetween(2, 30);
	}

	@Test
	void anExitCodeRecordedAMomentAfterTheStreamEndedIsReported() {
		this.dockerd.stubFor(get(urlPathMatching(".*/exec/e1/json")).inScenario("exit")
			.willReturn(okJson("{\"ID\":\"e1\",\"Running\":true,\"ExitCode\":null}"))
			.willSetStateTo("exited"));
		this.dockerd.stubFor(get(urlPathMatching(".*/exec/e1/json")).inScenario("exit")
			.whenScenarioStateIs("exited")
			.willReturn(okJson("{\"ID\":\"e1\",\"Running\":false,\"ExitCode\":3}")));

		ExecResult result = exec().run("c1", List.of("sh", "-c", "echo bye; exit 3"), Duration.ofSeconds(60), 1024);

		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(this.dockerd.findAll(getRequestedFor(urlPathMatching(".*/exec/e1/json")))).hasSize(2);
	}

	private DockerExec exec() {
		return new DockerExec(this.client, this.client, new DockerFailures("stand-in"));
	}

}
