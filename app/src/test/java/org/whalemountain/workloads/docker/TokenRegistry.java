package org.whalemountain.workloads.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.util.FileSystemUtils;
import org.whalemountain.registry.token.Access;
import org.whalemountain.registry.token.RegistryJwt;
import org.whalemountain.registry.token.SigningKey;
import org.whalemountain.registry.token.SigningKeyFiles;
import org.whalemountain.registry.token.TokenClaims;
import org.whalemountain.testsupport.DistributionRegistry;
import org.whalemountain.testsupport.DockerCli;

/**
 * A real registry with Docker's token authentication, as the service's registry runs, but
 * without the service: a token realm of its own grants any logged-in client what it asks
 * for (so that a test can push), and tokens for exactly one scope are minted here to hand
 * to an engine. It counts the realm's requests, so that a test can tell whether the
 * engine used the token it was given or asked for another.
 */
final class TokenRegistry implements AutoCloseable {

	private static final String SERVICE = "wm-test-token-registry";

	private static final String ISSUER = "wm-test-token-issuer";

	private final Path dir;

	private final SigningKey key;

	private final HttpServer realm;

	private final DistributionRegistry registry;

	private final AtomicInteger realmRequests = new AtomicInteger();

	private TokenRegistry(Path dir) throws IOException {
		this.dir = dir;
		this.key = SigningKeyFiles.loadOrCreate(dir.resolve("key.pem"), dir.resolve("cert.pem"), ISSUER, Instant.now());
		this.realm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.realm.createContext("/token", this::answer);
		this.realm.start();
		this.registry = DistributionRegistry.start(Files.createDirectories(dir.resolve("registry")),
				"http://127.0.0.1:" + this.realm.getAddress().getPort() + "/token", SERVICE, ISSUER,
				dir.resolve("cert.pem"));
	}

	static TokenRegistry start() {
		try {
			return new TokenRegistry(Files.createTempDirectory("wm-token-registry"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String host() {
		return this.registry.host();
	}

	/** A token that lets its bearer pull this repository and nothing else. */
	String pullToken(String repository) {
		return token(List.of(Access.repository(repository, "pull")));
	}

	int realmRequests() {
		return this.realmRequests.get();
	}

	/** Pushes a local image with a docker CLI logged in to this registry. */
	void push(String image) {
		Map<String, String> environment = Map.of("DOCKER_CONFIG", this.dir.resolve("cli").toString());
		DockerCli.run(environment, "anything", "login", "--username", "pusher", "--password-stdin", host());
		DockerCli.run(environment, null, "push", image);
	}

	private String token(List<Access> access) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		return RegistryJwt.sign(new TokenClaims(ISSUER, "wm-test", SERVICE, now, now.plus(Duration.ofMinutes(5)),
				UUID.randomUUID().toString(), access), this.key, true);
	}

	/** Grants what a client with any Basic credentials asks for; nothing without. */
	private void answer(HttpExchange exchange) throws IOException {
		this.realmRequests.incrementAndGet();
		try (exchange) {
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (authorization == null || !authorization.startsWith("Basic ")) {
				exchange.sendResponseHeaders(401, -1);
				return;
			}
			List<Access> access = new ArrayList<>();
			String query = (exchange.getRequestURI().getRawQuery() != null) ? exchange.getRequestURI().getRawQuery()
					: "";
			for (String parameter : query.split("&")) {
				if (parameter.startsWith("scope=")) {
					String[] scope = URLDecoder.decode(parameter.substring(6), StandardCharsets.UTF_8).split(":");
					access.add(new Access(scope[0], scope[1], Arrays.asList(scope[2].split(","))));
				}
			}
			byte[] body = ("{\"token\":\"" + token(access) + "\"}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.realm.stop(0);
		this.registry.close();
		FileSystemUtils.deleteRecursively(this.dir.toFile());
	}

}
