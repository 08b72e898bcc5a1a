package org.whalemountain.workloads.docker;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.dockerjava.transport.DockerHttpClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connection limit in front of docker-java's transport, on a transport of its own.
 */
class LimitedHttpClientTests {

	private static final DockerHttpClient.Request REQUEST = DockerHttpClient.Request.builder()
		.method(DockerHttpClient.Request.Method.GET)
		.path("/containers/json")
		.build();

	private final Transport transport = new Transport();

	@Test
	void aRequestBeyondTheLimitFailsAsBusyAfterTheRequestTimeoutNotLater() {
		LimitedHttpClient client = new LimitedHttpClient(this.transport, 2, Duration.ofMillis(300));
		client.execute(REQUEST);
		client.execute(REQUEST);

		long started = System.nanoTime();
		assertThatThrownBy(() -> client.execute(REQUEST)).isInstanceOf(LimitedHttpClient.ConnectionsBusyException.class)
			.hasMessageContaining("all 2 connections");

		long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertThat(waited).isBetween(250L, 5_000L);
		assertThat(this.transport.requests).hasValue(2);
	}

	@Test
	void closingAResponseOrItsBodyOrReadingTheBodyToItsEndGivesTheTurnBackOnce() throws Exception {
		LimitedHttpClient client = new LimitedHttpClient(this.transport, 1, Duration.ofMillis(100));

		DockerHttpClient.Response closed = client.execute(REQUEST);
		closed.close();
		closed.close();
		assertThat(client.inUse()).isZero();

		try (InputStream body = client.execute(REQUEST).getBody()) {
			assertThat(client.inUse()).isEqualTo(1);
		}
		assertThat(client.inUse()).isZero();

		DockerHttpClient.Response read = client.execute(REQUEST);
		assertThat(read.getBody().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("[]");
		assertThat(client.inUse()).isZero();
		read.close();
		assertThat(client.inUse()).isZero();
		client.execute(REQUEST);
		assertThat(client.inUse()).isEqualTo(1);
	}

	@Test
	void aWaitingRequestGetsTheTurnAFinishedOneGivesBack() throws Exception {
		LimitedHttpClient client = new LimitedHttpClient(this.transport, 1, Duration.ofSeconds(30));
		DockerHttpClient.Response first = client.execute(REQUEST);
		CompletableFuture<DockerHttpClient.Response> second = CompletableFuture
			.supplyAsync(() -> client.execute(REQUEST));
		assertThat(second).isNotDone();

		first.close();

		assertThat(second.get(10, TimeUnit.SECONDS).getStatusCode()).isEqualTo(200);
	}

	@Test
	void aTransportFailureGivesTheTurnBack() {
		this.transport.fail = true;
		LimitedHttpClient client = new LimitedHttpClient(this.transport, 1, Duration.ofMillis(100));

		assertThatThrownBy(() -> client.execute(REQUEST)).hasMessage("refused");

		assertThat(client.inUse()).isZero();
	}

	@Test
	void busyIsTranslatedAsBusyAndNotAsUnreachable() {
		DockerFailures failures = new DockerFailures("unix:///var/run/docker.sock");
		RuntimeException busy = new LimitedHttpClient.ConnectionsBusyException(2, Duration.ofSeconds(5));

		assertThat(failures.other("list containers", busy))
			.isInstanceOf(org.whalemountain.workloads.engine.EngineBusyException.class)
			.hasMessageContaining("all 2 connections")
			.hasMessageContaining("wm.workloads.docker.connections");
		assertThat(failures.container("abc", "run sh in container abc", new RuntimeException(busy)))
			.isInstanceOf(org.whalemountain.workloads.engine.EngineBusyException.class);
	}

	/** Answers every request with an empty list, or fails when told to. */
	static final class Transport implements DockerHttpClient {

		final AtomicInteger requests = new AtomicInteger();

		volatile boolean fail;

		@Override
		public Response execute(Request request) {
			if (this.fail) {
				throw new IllegalStateException("refused");
			}
			this.requests.incrementAndGet();
			InputStream body = new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8));
			return new Response() {

				@Override
				public int getStatusCode() {
					return 200;
				}

				@Override
				public Map<String, List<String>> getHeaders() {
					return Map.of();
				}

				@Override
				public InputStream getBody() {
					return body;
				}

				@Override
				public void close() {
				}

			};
		}

		@Override
		public void close() {
		}

	}

}
