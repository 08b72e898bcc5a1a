package org.whalemountain.identity.web;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;

import static org.assertj.core.api.Assertions.assertThat;

class DemoServerAddressTests {

	@Test
	void withoutAnAddressTheDemoListensOnLoopbackOnly() {
		AbstractConfigurableWebServerFactory factory = new AbstractConfigurableWebServerFactory() {
		};

		new DemoServerAddress(new ServerProperties()).customize(factory);

		assertThat(factory.getAddress()).isNotNull()
			.satisfies((address) -> assertThat(address.isLoopbackAddress()).isTrue());
	}

	@Test
	void anAddressGivenOnPurposeIsKept() throws Exception {
		ServerProperties server = new ServerProperties();
		server.setAddress(InetAddress.getByName("0.0.0.0"));
		AbstractConfigurableWebServerFactory factory = new AbstractConfigurableWebServerFactory() {
		};
		factory.setAddress(server.getAddress());

		new DemoServerAddress(server).customize(factory);

		assertThat(factory.getAddress()).isEqualTo(InetAddress.getByName("0.0.0.0"));
	}

}
