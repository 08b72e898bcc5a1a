package org.whalemountain.identity;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With the demo directory (asked for by {@code wm.identity.demo=true}, as the tests do)
 * and no {@code server.address}, the service answers on 127.0.0.1 and on none of the
 * machine's other addresses.
 */
@ServiceTest
class DemoModeIT {

	@LocalServerPort
	int port;

	@Test
	void theDemoAnswersOnLoopbackOnly() throws Exception {
		InetAddress other = nonLoopbackAddress();

		try (Socket loopback = new Socket()) {
			loopback.connect(new InetSocketAddress("127.0.0.1", this.port), 2000);
		}
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> {
			try (Socket outside = new Socket()) {
				outside.connect(new InetSocketAddress(other, this.port), 2000);
			}
		});
	}

	/** The docker0 bridge at least, since the tests need dockerd. */
	private static InetAddress nonLoopbackAddress() throws SocketException {
		for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!nic.isUp() || nic.isLoopback()) {
				continue;
			}
			for (InetAddress address : Collections.list(nic.getInetAddresses())) {
				if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
					return address;
				}
			}
		}
		throw new IllegalStateException("This machine has no address besides loopback to try the service on");
	}

}
