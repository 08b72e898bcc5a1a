package org.whalemountain.console;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.whalemountain.workloads.TerminalEnd;
import org.whalemountain.workloads.TerminalListener;

import tools.jackson.databind.json.JsonMapper;

/**
 * Everything that goes to one terminal socket: the terminal's output, control messages
 * and the close. Output comes on the engine's thread and the rest on others, while a
 * WebSocket session takes one message at a time; and blocking here slows a flood of
 * output down to what the browser takes.
 */
final class TerminalSocketSender implements TerminalListener {

	/** A private close code: the terminal ended for a reason the page explains. */
	static final int ENDED = 4000;

	/** A private close code: the terminal could not be opened. */
	static final int REFUSED = 4001;

	/**
	 * A private close code: the client sent more than the shell read, and the service
	 * holds only so much unread input.
	 */
	static final int FLOODED = 4002;

	private final WebSocketSession session;

	private final JsonMapper json;

	TerminalSocketSender(WebSocketSession session, JsonMapper json) {
		this.session = session;
		this.json = json;
	}

	@Override
	public void output(byte[] bytes) {
		try {
			send(new BinaryMessage(bytes));
		}
		catch (IOException ex) {
			// the browser went away; closing the socket ends the terminal
			close(CloseStatus.SESSION_NOT_RELIABLE);
		}
	}

	/** The user's own close needs no message: the socket is closing already. */
	@Override
	public void ended(TerminalEnd end) {
		String reason = end.name().toLowerCase(Locale.ROOT);
		switch (end) {
			case IDLE -> end(ENDED, reason, "The terminal was closed after a time in which it showed nothing.");
			case EXITED -> end(ENDED, reason, "The shell has exited.");
			case FLOODED -> end(FLOODED, reason, "The terminal was closed: more was sent than the shell read.");
			case CLOSED -> {
			}
		}
	}

	private void end(int code, String reason, String message) {
		controlQuietly(Map.of("type", "ended", "reason", reason, "message", message));
		close(new CloseStatus(code, reason));
	}

	/** Tells the page why the terminal could not be opened, then closes. */
	void refuse(String code, String message) {
		controlQuietly(Map.of("type", "error", "code", code, "message", message));
		close(new CloseStatus(REFUSED, code));
	}

	void control(Map<String, ?> message) throws IOException {
		send(new TextMessage(this.json.writeValueAsString(message)));
	}

	void close(CloseStatus status) {
		try {
			this.session.close(status);
		}
		catch (IOException ex) {
			// closed already
		}
	}

	private void controlQuietly(Map<String, ?> message) {
		try {
			control(message);
		}
		catch (IOException ex) {
			// the close that follows is all that is left to do
		}
	}

	private void send(WebSocketMessage<?> message) throws IOException {
		synchronized (this.session) {
			if (this.session.isOpen()) {
				this.session.sendMessage(message);
			}
		}
	}

}
