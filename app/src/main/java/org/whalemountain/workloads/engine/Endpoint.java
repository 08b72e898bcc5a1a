package org.whalemountain.workloads.engine;

/**
 * How a guest port of a container is reached from outside: a host and port (a port
 * published on a host), a URL (a route to it), or a command that forwards a local port to
 * it. Exactly one of the three is set.
 *
 * @param guestPort the port inside the container
 * @param host the address the port is published on, with {@code port}, else {@code null}
 * @param port the published port, or 0
 * @param url a URL that reaches the port, else {@code null}
 * @param forwardCommand a command a user runs to forward a local port to it, else
 * {@code null}
 */
public record Endpoint(int guestPort, String host, int port, String url, String forwardCommand) {

	public static Endpoint published(int guestPort, String host, int port) {
		return new Endpoint(guestPort, host, port, null, null);
	}

	public static Endpoint url(int guestPort, String url) {
		return new Endpoint(guestPort, null, 0, url, null);
	}

	public static Endpoint forwarded(int guestPort, String command) {
		return new Endpoint(guestPort, null, 0, null, command);
	}

}
