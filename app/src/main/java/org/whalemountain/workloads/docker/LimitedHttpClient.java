package org.whalemountain.workloads.docker;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.dockerjava.transport.DockerHttpClient;

/**
 * Lets at most {@code max} requests to dockerd be under way at once, and makes a request
 * wait at most {@code requestTimeout} for its turn before it fails with
 * {@link ConnectionsBusyException}. docker-java's Apache transport lets a request wait
 * three minutes for a pooled connection and offers no setting for it, so without this a
 * call behind a pool full of long streams hangs instead of failing fast.
 * <p>
 * A request's turn ends when its response, or the response's body, is closed or read to
 * its end, which is also when the transport hands the connection back.
 */
final class LimitedHttpClient implements DockerHttpClient {

	private final DockerHttpClient delegate;

	private final Semaphore turns;

	private final int max;

	private final Duration requestTimeout;

	/**
	 * @param delegate a transport that may hold at least {@code max} connections
	 */
	LimitedHttpClient(DockerHttpClient delegate, int max, Duration requestTimeout) {
		this.delegate = delegate;
		this.turns = new Semaphore(max, true);
		this.max = max;
		this.requestTimeout = requestTimeout;
	}

	@Override
	public Response execute(Request request) {
		try {
			if (!this.turns.tryAcquire(this.requestTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
				throw new ConnectionsBusyException(this.max, this.requestTimeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ConnectionsBusyException(this.max, this.requestTimeout);
		}
		Turn turn = new Turn();
		try {
			return new LimitedResponse(this.delegate.execute(request), turn);
		}
		catch (RuntimeException | Error ex) {
			turn.end();
			throw ex;
		}
	}

	/** Requests under way, for tests. */
	int inUse() {
		return this.max - this.turns.availablePermits();
	}

	@Override
	public void close() throws IOException {
		this.delegate.close();
	}

	/** One request's permit, given back once however many ways the request ends. */
	private final class Turn {

		private final AtomicBoolean ended = new AtomicBoolean();

		void end() {
			if (this.ended.compareAndSet(false, true)) {
				LimitedHttpClient.this.turns.release();
			}
		}

	}

	private static final class LimitedResponse implements Response {

		private final Response response;

		private final Turn turn;

		private final InputStream body;

		LimitedResponse(Response response, Turn turn) {
			this.response = response;
			this.turn = turn;
			InputStream original = response.getBody();
			this.body = (original != null) ? new EndingBody(original, turn) : null;
		}

		@Override
		public int getStatusCode() {
			return this.response.getStatusCode();
		}

		@Override
		public Map<String, List<String>> getHeaders() {
			return this.response.getHeaders();
		}

		@Override
		public String getHeader(String name) {
			return this.response.getHeader(name);
		}

		@Override
		public InputStream getBody() {
			return this.body;
		}

		@Override
		public void close() {
			try {
				this.response.close();
			}
			finally {
				this.turn.end();
			}
		}

	}

	/** Some of docker-java's calls close only the body they were handed. */
	private static final class EndingBody extends FilterInputStream {

		private final Turn turn;

		EndingBody(InputStream in, Turn turn) {
			super(in);
			this.turn = turn;
		}

		@Override
		public int read() throws IOException {
			return ended(super.read());
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			return ended(super.read(buffer, offset, length));
		}

		private int ended(int result) {
			if (result == -1) {
				this.turn.end();
			}
			return result;
		}

		@Override
		public void close() throws IOException {
			try {
				super.close();
			}
			finally {
				this.turn.end();
			}
		}

	}

	/**
	 * No connection came free in time. Not an {@link IOException}: dockerd did answer
	 * others, so it must not read as "cannot be reached".
	 */
	static final class ConnectionsBusyException extends RuntimeException {

		ConnectionsBusyException(int max, Duration waited) {
			super("all " + max + " connections to dockerd stayed in use for " + waited.toMillis() + " ms");
		}

	}

}
