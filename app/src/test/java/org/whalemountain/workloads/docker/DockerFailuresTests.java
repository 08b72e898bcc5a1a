package org.whalemountain.workloads.docker;

import java.net.ConnectException;
import java.net.SocketException;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;

import org.whalemountain.workloads.engine.ContainerNameTakenException;
import org.whalemountain.workloads.engine.ContainerNotFoundException;
import org.whalemountain.workloads.engine.EngineException;
import org.whalemountain.workloads.engine.EngineUnavailableException;
import org.whalemountain.workloads.engine.HostPortTakenException;
import org.whalemountain.workloads.engine.ImageNotFoundException;
import org.whalemountain.workloads.engine.ImageNotFoundException.PullProblem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures as docker-java reports dockerd 20.10's answers, and what the port makes of
 * them.
 */
class DockerFailuresTests {

	private static final String HOST = "tcp://docker.example:2376";

	private final DockerFailures failures = new DockerFailures(HOST);

	@Test
	void noAnswerAtAllMeansUnavailableAndSaysWhereAndWhatToDo() {
		EngineException translated = this.failures.other("list containers",
				new RuntimeException(new ConnectException("Connection refused")));

		assertThat(translated).isInstanceOf(EngineUnavailableException.class)
			.hasMessageContaining(HOST)
			.hasMessageContaining("start dockerd")
			.hasMessageContaining("Connection refused");
		assertThat(this.failures.container("abc", "start container abc",
				new RuntimeException(new SocketException("No such file or directory"))))
			.isInstanceOf(EngineUnavailableException.class);
	}

	@Test
	void aPortAllocatedToAnotherContainerOrInUseIsTaken() {
		assertThat(this.failures.container("abc", "start container abc", answer(500,
				"driver failed programming external connectivity on endpoint x (1a2b): Bind for 127.0.0.1:8080 failed: port is already allocated")))
			.isInstanceOf(HostPortTakenException.class)
			.hasMessageContaining("127.0.0.1:8080");
		assertThat(this.failures.container("abc", "start container abc", answer(500,
				"driver failed programming external connectivity on endpoint x (1a2b): Error starting userland proxy: listen tcp4 127.0.0.1:8081: bind: address already in use")))
			.isInstanceOf(HostPortTakenException.class);
	}

	@Test
	void aTakenPortIsNamedSoThatTheNextAttemptCanAvoidIt() {
		HostPortTakenException allocated = (HostPortTakenException) this.failures
			.container("abc", "start container abc", answer(500,
					"driver failed programming external connectivity on endpoint x (1a2b): Bind for 127.0.0.1:61842 failed: port is already allocated"));
		HostPortTakenException inUse = (HostPortTakenException) this.failures
			.container("abc", "start container abc", answer(500,
					"driver failed programming external connectivity on endpoint x (1a2b): Error starting userland proxy: listen tcp4 127.0.0.1:61843: bind: address already in use"));
		HostPortTakenException unnamed = (HostPortTakenException) this.failures.container("abc", "start container abc",
				answer(500, "address already in use"));

		assertThat(allocated.port()).hasValue(61842);
		assertThat(inUse.port()).hasValue(61843);
		assertThat(unnamed.port()).isEmpty();
	}

	@Test
	void notFoundMeansAContainerOnlyWhenDockerSaysSo() {
		assertThat(this.failures.container("abc", "start container abc", answer(404, "No such container: abc")))
			.isInstanceOf(ContainerNotFoundException.class)
			.hasMessageContaining("abc");
		assertThat(this.failures.container("abc", "start container abc", answer(404, "network wm-alice not found")))
			.isNotInstanceOf(ContainerNotFoundException.class)
			.hasMessageContaining("network wm-alice not found");
	}

	@Test
	void createFailuresNameTheirCause() {
		assertThat(this.failures.create("web", "alpine:3",
				answer(409, "Conflict. The container name \\\"/web\\\" is already in use by container \\\"1a2b\\\".")))
			.isInstanceOf(ContainerNameTakenException.class)
			.hasMessageContaining("web");
		assertThat(this.failures.create("web", "alpine:3", answer(404, "No such image: alpine:3")))
			.isInstanceOf(ImageNotFoundException.class)
			.hasMessageContaining("alpine:3");
	}

	@Test
	void serverErrorsAreUnavailableAndOtherAnswersAreRefusals() {
		assertThat(this.failures.other("start container abc", answer(500, "something broke")))
			.isInstanceOf(EngineUnavailableException.class)
			.hasMessageContaining(HOST)
			.hasMessageContaining("something broke");
		assertThat(this.failures.other("create container x", answer(400, "invalid mount config")))
			.isExactlyInstanceOf(EngineException.class)
			.hasMessageContaining("invalid mount config");
	}

	@Test
	void aPullDockerCouldNotDoMeansTheImageCannotBeHad() {
		assertThat(this.failures.pull("127.0.0.1:1/x:1",
				answer(500, "Get \\\"http://127.0.0.1:1/v2/\\\": dial tcp 127.0.0.1:1: connect: connection refused")))
			.isInstanceOf(ImageNotFoundException.class)
			.hasMessageContaining("127.0.0.1:1/x:1")
			.hasMessageContaining("Get \"http://127.0.0.1:1/v2/\"");
		assertThat(this.failures.pull("x:1", new RuntimeException(new ConnectException("Connection refused"))))
			.isInstanceOf(EngineUnavailableException.class);
	}

	@Test
	void dockersOwnMessageIsUnwrapped() {
		assertThat(DockerFailures.detail(answer(404, "No such container: \\\"abc\\\"")))
			.isEqualTo("No such container: \"abc\"");
		assertThat(DockerFailures.detail(new IllegalStateException("plain"))).isEqualTo("plain");
	}

	@Test
	void dockerdsPullFailuresAreSortedIntoWhatAUserCanDo() {
		assertThat(DockerFailures
			.pullProblem("manifest for 127.0.0.1:5000/alice/x:1 not found: manifest unknown: " + "manifest unknown"))
			.isEqualTo(PullProblem.NOT_FOUND);
		assertThat(DockerFailures.pullProblem("pull access denied for nope, repository does not exist or may require"
				+ " 'docker login': denied: requested access to the resource is denied"))
			.isEqualTo(PullProblem.DENIED);
		assertThat(DockerFailures.pullProblem("Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup "
				+ "registry-1.docker.io on 10.0.0.2:53: no such host"))
			.isEqualTo(PullProblem.UNREACHABLE);
		assertThat(DockerFailures.pullProblem("toomanyrequests: You have reached your pull rate limit"))
			.isEqualTo(PullProblem.RATE_LIMITED);
		assertThat(DockerFailures.pullProblem("something new")).isEqualTo(PullProblem.OTHER);
		assertThat(
				new DockerFailures("unix:///var/run/docker.sock").pullRefused("x", "manifest unknown", null).problem())
			.isEqualTo(PullProblem.NOT_FOUND);
	}

	/** As docker-java builds them: the status, then dockerd's JSON body. */
	private static DockerException answer(int status, String message) {
		String body = "Status " + status + ": {\"message\":\"" + message + "\"}\n";
		return switch (status) {
			case 400 -> new BadRequestException(body);
			case 404 -> new NotFoundException(body);
			case 409 -> new ConflictException(body);
			case 500 -> new InternalServerErrorException(body);
			default -> new DockerException(body, status);
		};
	}

}
