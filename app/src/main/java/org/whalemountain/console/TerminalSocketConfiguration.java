package org.whalemountain.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.whalemountain.workloads.Workloads;

/**
 * The browser terminal's WebSocket. It sits behind the console's security like any page,
 * so only a logged-in session reaches it. A page of another site could still open it with
 * the user's cookie (cookies of the same host are sent whatever the port), so the origin
 * is checked first: same origin only, before anything is looked up.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class TerminalSocketConfiguration implements WebSocketConfigurer {

	static final String PATH = "/containers/*/terminal/socket";

	private final Workloads workloads;

	private final TerminalSocketHandler handler;

	TerminalSocketConfiguration(Workloads workloads, TerminalSocketHandler handler) {
		this.workloads = workloads;
		this.handler = handler;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.handler, PATH)
			.addInterceptors(new OriginHandshakeInterceptor(), new TerminalHandshake(this.workloads));
	}

}
