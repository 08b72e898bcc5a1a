package org.whalemountain.testsupport;

import java.io.IOException;

/**
 * A service test's registry and service as CI jobs reach them, for as long as it is open:
 * both relayed from the bridge gateway on their own ports (so that the default
 * {@code wm.registry.job-host}, {@code host.docker.internal:<registry port>}, works), the
 * registry's token realm on the gateway (which job containers and the Docker host both
 * reach), and its notifications going to the service. Closing puts the registry back as
 * every other test expects it.
 */
public final class JobReach implements AutoCloseable {

	private final TestRegistry testRegistry;

	private final int servicePort;

	private final BridgeRelay registryRelay;

	private final BridgeRelay serviceRelay;

	private JobReach(TestRegistry testRegistry, int servicePort, BridgeRelay registryRelay, BridgeRelay serviceRelay) {
		this.testRegistry = testRegistry;
		this.servicePort = servicePort;
		this.registryRelay = registryRelay;
		this.serviceRelay = serviceRelay;
	}

	public static JobReach open(TestRegistry testRegistry, int servicePort) throws Exception {
		String gateway = BridgeRelay.hostGateway();
		String host = testRegistry.host();
		BridgeRelay registryRelay = BridgeRelay.open(gateway,
				Integer.parseInt(host.substring(host.lastIndexOf(':') + 1)));
		BridgeRelay serviceRelay = BridgeRelay.open(gateway, servicePort);
		testRegistry.registry().realm("http://" + gateway + ":" + servicePort + "/registry/token");
		testRegistry.registry().notifications(testRegistry.notificationsUrl(), TestRegistry.NOTIFICATIONS_SECRET);
		return new JobReach(testRegistry, servicePort, registryRelay, serviceRelay);
	}

	@Override
	public void close() throws IOException, InterruptedException {
		this.testRegistry.registry().notifications(null, null);
		this.testRegistry.registry().realm("http://127.0.0.1:" + this.servicePort + "/registry/token");
		this.registryRelay.close();
		this.serviceRelay.close();
	}

}
