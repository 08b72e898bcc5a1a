package org.whalemountain.runners.reach;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.whalemountain.registry.RegistryProperties;

/**
 * Judges from the service's host whether a job container could open a connection to an
 * address: the check behind the runner page's warning. It cannot see the job's network,
 * so it reports only what is certainly wrong: a loopback address (in a container that is
 * the container itself), a name that does not resolve, nothing answering; and for
 * {@value RegistryProperties#DOCKER_HOST_NAME}, which jobs reach as the Docker host's
 * bridge gateway, nothing answering on this machine outside loopback.
 */
public final class JobAddressProbe {

	private final Duration timeout;

	public JobAddressProbe(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * What is wrong with {@code host:port} as jobs would use it, or empty when nothing
	 * certainly is. Blocks for at most a few connection timeouts.
	 * @param what names the address in the message, e.g. {@code wm.registry.job-host}
	 */
	public Optional<String> problem(String what, String host, int port) {
		String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (bare.toLowerCase(Locale.ROOT).equals(RegistryProperties.DOCKER_HOST_NAME)) {
			return dockerHostProblem(what, port);
		}
		List<InetAddress> addresses;
		try {
			addresses = Arrays.asList(InetAddress.getAllByName(bare));
		}
		catch (UnknownHostException ex) {
			return Optional.of(what + " " + host + " does not resolve from the service's host.");
		}
		if (addresses.stream().allMatch(InetAddress::isLoopbackAddress)) {
			return Optional.of(what + " " + host + " is a loopback address: inside a job container that is the "
					+ "container itself. Name the registry by an address the Docker host's containers reach.");
		}
		if (addresses.stream().noneMatch((address) -> answers(address, port))) {
			return Optional.of(what + " " + host + ":" + port + " does not answer from the service's host.");
		}
		return Optional.empty();
	}

	private Optional<String> dockerHostProblem(String what, int port) {
		if (localAddresses().stream().anyMatch((address) -> answers(address, port))) {
			return Optional.empty();
		}
		return Optional.of(what + " " + RegistryProperties.DOCKER_HOST_NAME + ":" + port
				+ " is the Docker host's bridge gateway for jobs, but nothing on this machine answers on port " + port
				+ " outside loopback. If the Docker host is this machine, let the registry (or the service) listen "
				+ "on the Docker bridge's address too, or set " + what + " to an address jobs reach.");
	}

	/** This machine's addresses other than loopback, IPv4 first. */
	private static List<InetAddress> localAddresses() {
		try {
			return NetworkInterface.networkInterfaces()
				.filter(JobAddressProbe::isUp)
				.flatMap(NetworkInterface::inetAddresses)
				.filter((address) -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
				.sorted((a, b) -> Integer.compare(a.getAddress().length, b.getAddress().length))
				.toList();
		}
		catch (SocketException ex) {
			return List.of();
		}
	}

	private static boolean isUp(NetworkInterface network) {
		try {
			return network.isUp();
		}
		catch (SocketException ex) {
			return false;
		}
	}

	private boolean answers(InetAddress address, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), (int) this.timeout.toMillis());
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
