package org.whalemountain.console;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.whalemountain.platform.DomainException;
import org.whalemountain.workloads.Terminal;
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
 * <p>
 * A socket is authenticated once, at its handshake. When that console session ends
 * (logout, expiry) Tomcat closes the session's sockets itself, with 1008 (policy
 * violation), and so their shells end; {@code TerminalSocketIT} holds it to that.
 */
@Component
class TerminalSocketHandler extends AbstractWebSocketHandler {

	private static final String TERMINAL = "wm.terminal";

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
		TerminalSocketSender sender = new TerminalSocketSender(session, this.json);
		try {
			Terminal terminal = this.workloads.openTerminal((String) attributes.get(TerminalHandshake.USERNAME),
					(Long) attributes.get(TerminalHandshake.CONTAINER),
					(Integer) attributes.get(TerminalHandshake.COLUMNS),
					(Integer) attributes.get(TerminalHandshake.ROWS), sender,
					(String) attributes.get(TerminalHandshake.SOURCE));
			attributes.put(TERMINAL, terminal);
			sender.control(Map.of("type", "connected"));
		}
		catch (DomainException ex) {
			sender.refuse(ex.code(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("Terminal could not be opened: {}", ex.getMessage());
			sender.refuse("engine-error", "The container engine failed to open the terminal: " + ex.getMessage());
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

}
