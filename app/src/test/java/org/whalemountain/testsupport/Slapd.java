package org.whalemountain.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenLDAP {@code slapd} on 127.0.0.1 with an LDIF loaded by {@code slapadd}.
 * Fails, never skips, when slapd is missing: the test command installs it.
 */
public final class Slapd implements AutoCloseable {

	private static final String SLAPD = System.getenv().getOrDefault("WM_SLAPD", "/usr/sbin/slapd");

	private final Process process;

	private final int port;

	private Slapd(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	public static Slapd start(Path dir, String suffix, String ldifResource) throws IOException, InterruptedException {
		Path db = Files.createDirectories(dir.resolve("db"));
		Path conf = dir.resolve("slapd.conf");
		Files.writeString(conf,
				String.join("\n", "include /etc/ldap/schema/core.schema", "include /etc/ldap/schema/cosine.schema",
						"include /etc/ldap/schema/nis.schema", "include /etc/ldap/schema/inetorgperson.schema",
						"modulepath /usr/lib/ldap", "moduleload back_mdb", "pidfile " + dir.resolve("slapd.pid"),
						"database mdb", "maxsize 104857600", "suffix \"" + suffix + "\"",
						"rootdn \"cn=admin," + suffix + "\"", "rootpw admin-secret", "directory " + db, ""));
		Path ldif = dir.resolve("data.ldif");
		try (InputStream in = Slapd.class.getResourceAsStream(ldifResource)) {
			Files.copy(in, ldif);
		}
		run(List.of(SLAPD.replace("slapd", "slapadd"), "-f", conf.toString(), "-l", ldif.toString()), dir);
		int port = freePort();
		Process process = new ProcessBuilder(SLAPD, "-d", "0", "-h", "ldap://127.0.0.1:" + port + "/", "-f",
				conf.toString())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("slapd.log").toFile())
			.start();
		Slapd slapd = new Slapd(process, port);
		slapd.awaitListening(Duration.ofSeconds(15), dir);
		return slapd;
	}

	public String url() {
		return "ldap://127.0.0.1:" + this.port;
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private void awaitListening(Duration timeout, Path dir) throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("slapd exited: " + Files.readString(dir.resolve("slapd.log")));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException notYet) {
				Thread.sleep(50);
			}
		}
		throw new IllegalStateException("slapd did not listen within " + timeout);
	}

	private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
		Path log = dir.resolve(Path.of(command.get(0)).getFileName() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(command + " failed: " + Files.readString(log));
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
