package org.whalemountain.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * Makes a daemon that listens on 127.0.0.1 reachable from containers too: accepts TCP
 * connections on the Docker host's bridge gateway (what {@code host-gateway} names inside
 * a container), on the same port, and relays each to 127.0.0.1. The test registry and
 * service keep listening on the loopback address only; the relay opens them to the
 * containers of this Docker host and to nothing further, as an operator would with a
 * registry listening on the bridge.
 */
public final class BridgeRelay implements AutoCloseable {

	private final ServerSocket server;

	private final int port;

	private BridgeRelay(ServerSocket server, int port) {
		this.server = server;
		this.port = port;
	}

	/** Relays {@code gateway:port} to {@code 127.0.0.1:port} until closed. */
	public static BridgeRelay open(String gateway, int port) {
		try {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(InetAddress.getByName(gateway), port));
			BridgeRelay relay = new BridgeRelay(server, port);
			daemon("bridge-relay-" + port, relay::accept);
			return relay;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on " + gateway + ":" + port, ex);
		}
	}

	/**
	 * The address containers reach the Docker host by: the gateway of dockerd's default
	 * bridge, which {@code host-gateway} in {@code extra_hosts} resolves to.
	 */
	public static String hostGateway() {
		return DockerCli.docker("network", "inspect", "--format", "{{range .IPAM.Config}}{{.Gateway}}{{end}}", "bridge")
			.trim();
	}

	private static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				daemon("bridge-relay-" + this.port, () -> relay(client));
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	private void relay(Socket client) {
		try (client; Socket upstream = new Socket("127.0.0.1", this.port)) {
			Thread back = daemon("bridge-relay-" + this.port, () -> copy(upstream, client));
			copy(client, upstream);
			back.join();
		}
		catch (IOException | InterruptedException ex) {
			// the peer went away: so does this connection
		}
	}

	/** Copies until {@code from} ends, then half-closes {@code to}, as TCP would. */
	private static void copy(Socket from, Socket to) {
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			in.transferTo(out);
			to.shutdownOutput();
		}
		catch (SocketException ended) {
			// reset or closed by the other side
		}
		catch (IOException ex) {
			// nothing to report to: the other direction ends the connection
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
