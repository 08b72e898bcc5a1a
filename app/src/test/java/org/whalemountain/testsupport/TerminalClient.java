package org.whalemountain.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client of the console's terminal: keeps what the terminal printed, the
 * control messages, and how the socket was closed.
 */
public final class TerminalClient implements WebSocket.Listener {

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final List<String> controls = new CopyOnWriteArrayList<>();

	private final StringBuilder partialText = new StringBuilder();

	private volatile WebSocket socket;

	private volatile Integer closeCode;

	private volatile String closeReason;

	private TerminalClient() {
	}

	/**
	 * Connects; {@code cookie} and {@code origin} may be {@code null}.
	 * @return the client, or throws {@link WebSocketHandshakeException} (as the cause of
	 * an {@link IllegalStateException}) when the server refused the handshake
	 */
	public static TerminalClient connect(int port, String path, String cookie, String origin) {
		TerminalClient client = new TerminalClient();
		WebSocket.Builder builder = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10));
		if (cookie != null) {
			builder.header("Cookie", cookie);
		}
		if (origin != null) {
			builder.header("Origin", origin);
		}
		try {
			client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), client)
				.get(20, TimeUnit.SECONDS);
			return client;
		}
		catch (Exception ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException("Handshake failed: " + cause, cause);
		}
	}

	/** The HTTP status with which the server refused the handshake. */
	public static int refusedStatus(int port, String path, String cookie, String origin) {
		try {
			connect(port, path, cookie, origin).close();
		}
		catch (IllegalStateException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw ex;
		}
		throw new AssertionError("The handshake to " + path + " was accepted");
	}

	public void type(String text) {
		this.socket.sendBinary(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true).join();
	}

	/**
	 * Sends bytes as one binary frame.
	 * @return {@code false} once the socket takes no more
	 */
	public boolean trySend(byte[] bytes) {
		try {
			this.socket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	public void control(String json) {
		this.socket.sendText(json, true).join();
	}

	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
		}
	}

	public synchronized String output() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

	public List<String> controls() {
		return this.controls;
	}

	public Integer closeCode() {
		return this.closeCode;
	}

	public String closeReason() {
		return this.closeReason;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		byte[] bytes = new byte[data.remaining()];
		data.get(bytes);
		synchronized (this) {
			this.output.writeBytes(bytes);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partialText.append(data);
		if (last) {
			this.controls.add(this.partialText.toString());
			this.partialText.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeReason = reason;
		this.closeCode = statusCode;
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		if (this.closeCode == null) {
			this.closeReason = String.valueOf(error instanceof CompletionException ? error.getCause() : error);
			this.closeCode = -1;
		}
	}

}
