package org.whalemountain.console;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.whalemountain.platform.DomainException;
import org.whalemountain.workloads.Terminal;
import org.whalemountain.workloads.TerminalEnd;
import org.whalemountain.workloads.TerminalListener;
import org.whalemountain.workloads.Workloads;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bridges a browser's WebSocket and a shell in the container. The protocol: binary frames
 * both ways are the terminal's bytes; text frames are small JSON control messages &mdash;
 * from the page {@code {"type":"resize","cols":120,"rows":40}} (or
 * {@code {"type":"input","data":"ls\r"}}), to the page {@code {"type":"connected"}},
 * {@code {"type":"ended","reason":"idle|exited","message":…}} and
 * {@code {"type":"error","code":…,"message":…}} just before the socket closes. Closing
 * the socket ends the shell. Nothing typed or shown is logged.
 */
final class TerminalSocketHandler extends AbstractWebSocketHandler {

	static final String TERMINAL = "wm.terminal";

	/** A private close code: the terminal ended for a reason the page explains. */
	static final int ENDED = 4000;

	/** A private close code: the terminal could not be opened. */
	static final int REFUSED = 4001;

	private static final Logger log = LoggerFactory.getLogger(TerminalSocketHandler.class);

	private final Workloads workloads;

	private final JsonMapper json;

	TerminalSocketHandler(Workloads workloads, JsonMapper json) {
		this.workloads = workloads;
		this.json = json;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws IOException {
		Map<String, Object> attributes = session.getAttributes();
		try {
			Terminal terminal = this.workloads.openTerminal((String) attributes.get(TerminalHandshake.USERNAME),
					(Long) attributes.get(TerminalHandshake.CONTAINER),
					(Integer) attributes.get(TerminalHandshake.COLUMNS),
					(Integer) attributes.get(TerminalHandshake.ROWS), new SocketListener(session),
					(String) attributes.get(TerminalHandshake.SOURCE));
			attributes.put(TERMINAL, terminal);
			sendControl(session, Map.of("type", "connected"));
		}
		catch (DomainException ex) {
			refuse(session, ex.code(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("Terminal could not be opened: {}", ex.getMessage());
			refuse(session, "engine-error", "The container engine failed to open the terminal: " + ex.getMessage());
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		Terminal terminal = terminal(session);
		if (terminal != null) {
			ByteBuffer payload = message.getPayload();
			byte[] bytes = new byte[payload.remaining()];
			payload.get(bytes);
			terminal.write(bytes);
		}
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
		Terminal terminal = terminal(session);
		if (terminal == null) {
			return;
		}
		JsonNode control;
		try {
			control = this.json.readTree(message.getPayload());
		}
		catch (JacksonException ex) {
			session.close(CloseStatus.BAD_DATA.withReason("text frames are JSON control messages"));
			return;
		}
		String type = control.path("type").asString("");
		if ("resize".equals(type)) {
			try {
				terminal.resize(control.path("cols").asInt(0), control.path("rows").asInt(0));
			}
			catch (DomainException ex) {
				// a page that computes a silly size keeps its previous one
			}
		}
		else if ("input".equals(type)) {
			terminal.write(control.path("data").asString("").getBytes(StandardCharsets.UTF_8));
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		Terminal terminal = terminal(session);
		if (terminal != null) {
			terminal.close();
		}
	}

	private static Terminal terminal(WebSocketSession session) {
		return (Terminal) session.getAttributes().get(TERMINAL);
	}

	private void refuse(WebSocketSession session, String code, String text) throws IOException {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("type", "error");
		error.put("code", code);
		error.put("message", text);
		sendControl(session, error);
		session.close(new CloseStatus(REFUSED, code));
	}

	/**
	 * Output comes on the engine's thread, control messages on others; a WebSocket
	 * session takes one message at a time, and blocking here slows a flood of output down
	 * to what the browser takes.
	 */
	private void sendControl(WebSocketSession session, Map<String, ?> control) throws IOException {
		String text = this.json.writeValueAsString(control);
		synchronized (session) {
			if (session.isOpen()) {
				session.sendMessage(new TextMessage(text));
			}
		}
	}

	/** Forwards a terminal's output and end to its socket. */
	private final class SocketListener implements TerminalListener {

		private final WebSocketSession session;

		SocketListener(WebSocketSession session) {
			this.session = session;
		}

		@Override
		public void output(byte[] bytes) {
			try {
				synchronized (this.session) {
					if (this.session.isOpen()) {
						this.session.sendMessage(new BinaryMessage(bytes));
					}
				}
			}
			catch (IOException ex) {
				// the browser went away; closing the socket ends the terminal
				closeQuietly(CloseStatus.SESSION_NOT_RELIABLE);
			}
		}

		@Override
		public void ended(TerminalEnd end) {
			if (end == TerminalEnd.CLOSED) {
				return;
			}
			String reason = end.name().toLowerCase(Locale.ROOT);
			try {
				sendControl(this.session, Map.of("type", "ended", "reason", reason, "message", message(end)));
			}
			catch (IOException ex) {
				// closing below is all that is left to do
			}
			closeQuietly(new CloseStatus(ENDED, reason));
		}

		private void closeQuietly(CloseStatus status) {
			try {
				this.session.close(status);
			}
			catch (IOException ex) {
				// already closed
			}
		}

		private static String message(TerminalEnd end) {
			return (end == TerminalEnd.IDLE) ? "The terminal was closed after a time without input or output."
					: "The shell has exited.";
		}

	}

}
