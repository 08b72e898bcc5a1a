package org.whalemountain.sif;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry's blob endpoint on 127.0.0.1 at the socket level, so that a download can
 * break off as a network does: {@link #cutOnce} makes the next answer for a blob promise
 * all of it in {@code Content-Length}, send half and close the connection.
 */
final class BlobServer implements AutoCloseable {

	private final ServerSocket socket;

	private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

	private final Set<String> cut = ConcurrentHashMap.newKeySet();

	private final Thread acceptor;

	BlobServer() throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::accept, "blob-server");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.socket.getLocalPort();
	}

	void serve(String digest, byte[] blob) {
		this.blobs.put(digest, blob);
	}

	void cutOnce(String digest) {
		this.cut.add(digest);
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try (Socket connection = this.socket.accept()) {
				answer(connection);
			}
			catch (IOException ex) {
				// the client went away, or the server was closed
			}
		}
	}

	private void answer(Socket connection) throws IOException {
		BufferedReader request = new BufferedReader(
				new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
		String line = request.readLine();
		for (String header = request.readLine(); header != null && !header.isEmpty(); header = request.readLine()) {
			// headers (the bearer token) do not matter here
		}
		OutputStream out = connection.getOutputStream();
		String digest = (line == null) ? "" : line.split(" ")[1].replaceAll(".*/blobs/", "");
		byte[] blob = this.blobs.get(digest);
		if (blob == null) {
			out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			return;
		}
		out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + blob.length
				+ "\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		boolean broken = this.cut.remove(digest);
		out.write(blob, 0, broken ? blob.length / 2 : blob.length);
		out.flush();
		if (broken) {
			// a reset, not a clean end: the client must not mistake it for the whole body
			connection.setSoLinger(true, 0);
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
