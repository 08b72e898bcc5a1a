package org.whalemountain.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.FileSystemUtils;
import org.whalemountain.registry.token.SigningKey;

/**
 * The registry a service test context talks to: Debian's real {@code docker-registry}
 * with the shipped configuration, trusting the context's token key, on a port chosen
 * before the context starts (so that {@code wm.registry.url} can name it) and started
 * once the web server has its port (which the token realm names). Its notifications go
 * nowhere until a test points them at the service.
 */
public final class TestRegistry implements ApplicationListener<WebServerInitializedEvent>, AutoCloseable {

	/** {@code wm.registry.notifications.secret} of every service test context. */
	public static final String NOTIFICATIONS_SECRET = "test-notifications-secret";

	private final ObjectProvider<SigningKey> signingKey;

	private final Environment environment;

	private final int port;

	private final Path dir;

	private volatile DistributionRegistry registry;

	private volatile int servicePort;

	public TestRegistry(ObjectProvider<SigningKey> signingKey, Environment environment) {
		this.signingKey = signingKey;
		this.environment = environment;
		try {
			this.port = DistributionRegistry.freePort();
			this.dir = Files.createTempDirectory("wm-test-registry");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url() {
		return "http://" + host();
	}

	public String host() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Where the registry keeps its files, for a test that changes the registry behind the
	 * service's back.
	 */
	public Path storage() {
		return this.dir.resolve("storage");
	}

	/** The running registry, to stop, restart or point its notifications elsewhere. */
	public DistributionRegistry registry() {
		return this.registry;
	}

	/** Where the service under test takes the registry's notifications. */
	public String notificationsUrl() {
		return "http://127.0.0.1:" + this.servicePort + "/registry/notifications";
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null || this.registry != null) {
			return; // the management server, or already started
		}
		this.servicePort = event.getWebServer().getPort();
		try {
			this.registry = DistributionRegistry.start(this.dir, this.port,
					"http://127.0.0.1:" + this.servicePort + "/registry/token",
					this.environment.getProperty("wm.registry.token.service", "whalemountain-registry"),
					this.environment.getProperty("wm.registry.token.issuer", "whalemountain"), writeCertificate(),
					"http://127.0.0.1:9/registry/notifications", "unused");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path writeCertificate() throws IOException {
		try {
			String pem = "-----BEGIN CERTIFICATE-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
						.encodeToString(this.signingKey.getObject().certificate().getEncoded())
					+ "\n-----END CERTIFICATE-----\n";
			return Files.writeString(this.dir.resolve("token-cert.pem"), pem);
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.registry != null) {
			this.registry.close();
		}
		FileSystemUtils.deleteRecursively(this.dir.toFile());
	}

}
