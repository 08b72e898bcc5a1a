package org.whalemountain.identity.web;

import java.net.InetAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.stereotype.Component;

/**
 * With the demo directory, whose passwords are published, the service answers on the
 * loopback address (127.0.0.1) only, unless {@code server.address} names another address
 * on purpose.
 */
@Component
@ConditionalOnBooleanProperty("wm.identity.demo")
class DemoServerAddress implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

	private static final Logger log = LoggerFactory.getLogger(DemoServerAddress.class);

	private final ServerProperties server;

	DemoServerAddress(ServerProperties server) {
		this.server = server;
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		if (this.server.getAddress() != null) {
			log.warn("Demo directory with its published passwords, reachable on {} (server.address)",
					this.server.getAddress().getHostAddress());
			return;
		}
		InetAddress loopback = InetAddress.getLoopbackAddress();
		factory.setAddress(loopback);
		log.info("Demo directory: listening on {} only; set server.address to open the service further",
				loopback.getHostAddress());
	}

}
